// Accounts with email + password, end to end in a real browser against the production build.
import { expect, test } from "@playwright/test";
import { ChatPage } from "./pages/chat-page";
import { SettingsPage } from "./pages/settings-page";
import { SignInPage } from "./pages/sign-in-page";
import { SignUpPage } from "./pages/sign-up-page";
import { newUser, registerViaApi } from "./support/users";

// A 1×1 PNG.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

test("register (with a username) → signed in → sign out → sign in again", async ({ page }) => {
  const user = newUser("reg");
  const signUp = new SignUpPage(page);
  await signUp.goto();
  await signUp.register(user);
  const chat = new ChatPage(page);
  await chat.expectSignedInAs(user.name);

  const settings = new SettingsPage(page);
  await settings.goto();
  await expect(settings.displayName).toHaveValue(user.name);
  await expect(page.getByLabel("Username", { exact: true })).toHaveValue(user.username!);
  await settings.signOut();
  await page.goto("/chat");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fchat/);

  const signIn = new SignInPage(page);
  await signIn.signIn(user.email, user.password);
  await chat.expectSignedInAs(user.name);
});

test("sign-up validates fields and explains what is wrong", async ({ page, request, baseURL }) => {
  const signUp = new SignUpPage(page);
  await signUp.goto();
  await signUp.register({ name: "", email: "not-an-email", password: "short" });
  await expect(signUp.fieldError("Enter your name.")).toBeVisible();
  await expect(signUp.fieldError("Enter a valid email address.")).toBeVisible();
  await expect(signUp.fieldError("Use at least 8 characters.")).toBeVisible();
  await expect(signUp.email).toHaveAttribute("aria-invalid", "true");

  await signUp.register({ name: "Pat", email: "pat@parley.test", password: "password123" });
  await expect(signUp.fieldError("This password is too common.")).toBeVisible();

  await signUp.register({ name: "Pat", email: "pat@parley.test", password: "ü".repeat(37) }); // 74 bytes
  await expect(signUp.fieldError("Use at most 72 bytes")).toBeVisible();

  const existing = await registerViaApi(request, baseURL!);
  await signUp.register({ ...newUser("dup"), email: existing.email });
  await expect(signUp.fieldError("An account with this email already exists. Sign in instead.")).toBeVisible();
});

test("a wrong password or unknown email shows the same generic error", async ({ page, request, baseURL }) => {
  const user = await registerViaApi(request, baseURL!);
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(user.email, "not the password");
  await expect(signIn.error("Wrong email or password.")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);

  await signIn.signIn(`nobody-${Date.now()}@parley.test`, "not the password");
  await expect(signIn.error("Wrong email or password.")).toBeVisible();
});

test("the per-account rate limit answers 429 and the form shows when to retry", async ({ page, request, baseURL }) => {
  const user = await registerViaApi(request, baseURL!);
  const signIn = new SignInPage(page);
  await signIn.goto();
  for (let attempt = 1; attempt <= 5; attempt++) {
    await signIn.signIn(user.email, `wrong password ${attempt}`);
    await expect(signIn.error("Wrong email or password.")).toBeVisible();
    await expect(signIn.submit).toBeEnabled();
  }
  const limited = page.waitForResponse((r) => r.url().endsWith("/api/auth/callback/credentials"));
  // Even the right password is refused while the account is locked out.
  await signIn.signIn(user.email, user.password);
  const response = await limited;
  expect(response.status()).toBe(429);
  expect(Number(response.headers()["retry-after"])).toBeGreaterThan(0);
  const alert = signIn.error(/Too many attempts\. Try again in \d+ (seconds|minutes)\./);
  await expect(alert).toBeVisible();
  expect(Number(await alert.getAttribute("data-retry-after"))).toBeGreaterThan(0);
  await expect(page).toHaveURL(/\/sign-in/);
});

test("a protected page sends you to sign in and back to where you were going", async ({ page, request, baseURL }) => {
  const user = await registerViaApi(request, baseURL!);
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fsettings/);
  const signIn = new SignInPage(page);
  await signIn.signIn(user.email, user.password);
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole("heading", { name: "Profile settings" })).toBeVisible();
});

test("profile: change the display name and upload an avatar", async ({ page, request, baseURL }) => {
  const user = await registerViaApi(request, baseURL!);
  await new SignInPage(page).goto("/settings");
  await new SignInPage(page).signIn(user.email, user.password);
  const settings = new SettingsPage(page);
  await expect(page).toHaveURL(/\/settings$/);

  await settings.displayName.fill("Renamed Person");
  await settings.avatarFile.setInputFiles({ name: "me.png", mimeType: "image/png", buffer: PNG });
  await settings.save.click();
  await settings.expectSaved();
  const avatar = settings.avatar("Renamed Person");
  await expect(avatar).toBeVisible();
  const src = await avatar.getAttribute("src");
  expect(src).toMatch(/^\/api\/uploads\/avatars\/[\w-]+\/[a-f0-9]{32}\.webp$/);
  const image = await page.request.get(src!);
  expect(image.headers()["content-type"]).toBe("image/webp");
  expect(image.headers()["x-content-type-options"]).toBe("nosniff");

  // Not an image, whatever its name and declared type say.
  await settings.avatarFile.setInputFiles({ name: "evil.png", mimeType: "image/png", buffer: Buffer.from("<svg onload=alert(1)>") });
  await settings.save.click();
  await expect(page.getByRole("alert").filter({ hasText: "Use a PNG, JPEG, GIF or WebP image." }).first()).toBeVisible();

  // The new name is what the rest of the app sees.
  await page.goto("/chat");
  await new ChatPage(page).expectSignedInAs("Renamed Person");
});

test("signing out ends the session, even for a copy of the session cookie", async ({ page, browser, request, baseURL }) => {
  const user = await registerViaApi(request, baseURL!);
  await new SignInPage(page).goto();
  await new SignInPage(page).signIn(user.email, user.password);
  await new ChatPage(page).expectSignedInAs(user.name);
  const stolen = await page.context().cookies();

  const settings = new SettingsPage(page);
  await settings.goto();
  await settings.signOut();

  const other = await browser.newContext();
  await other.addCookies(stolen);
  const replay = await other.newPage();
  await replay.goto("/chat");
  await expect(replay).toHaveURL(/\/sign-in/);
  const session = await replay.request.get("/api/auth/session");
  expect(await session.json()).toEqual({});
  await other.close();
});

test("no page or API response contains password hashes, tokens or other users' emails", async ({ page, request, baseURL }) => {
  const other = await registerViaApi(request, baseURL!, newUser("other"));
  const user = await registerViaApi(request, baseURL!);
  const bodies: string[] = [];
  page.on("response", async (response) => {
    const type = response.headers()["content-type"] ?? "";
    if (/html|json|javascript|x-component|text/.test(type)) bodies.push(await response.text().catch(() => ""));
  });
  await new SignInPage(page).goto();
  await new SignInPage(page).signIn(user.email, user.password);
  await new ChatPage(page).expectSignedInAs(user.name);
  await new SettingsPage(page).goto();
  for (const url of ["/api/auth/session", "/api/profile", "/api/auth/csrf", "/api/auth/providers"]) {
    bodies.push(await (await page.request.get(url)).text());
  }
  const all = bodies.join("\n");
  expect(all).toContain(user.email); // the own email is shown on the settings page
  expect(all).not.toContain(other.email);
  expect(all).not.toMatch(/\$2[aby]\$\d\d\$/);
  for (const secret of ["hashedPassword", "access_token", "refresh_token", "id_token", "e2e-github-secret", "e2e-oidc-secret"]) {
    expect(all).not.toContain(secret);
  }
});
