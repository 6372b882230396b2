// Two-factor authentication end to end (issue #17): set up in the settings, the test computes the
// TOTP codes from the shown key as an authenticator app would, then signs in with a code and with a
// recovery code (which works once).
import { expect, test } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { ChatPage } from "./pages/chat-page";
import { SettingsPage } from "./pages/settings-page";
import { SignInPage } from "./pages/sign-in-page";
import { newUser, registerViaApi } from "./support/users";

const app = (key: string) => new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(key) });

test("enable 2FA → sign in with a TOTP code → a recovery code works once", async ({ page, request, baseURL }) => {
  const user = await registerViaApi(request, baseURL!, newUser("totp"));
  const signIn = new SignInPage(page);
  const chat = new ChatPage(page);
  const settings = new SettingsPage(page);
  await signIn.goto("/settings");
  await signIn.signIn(user.email, user.password);
  await expect(page.getByRole("heading", { name: "Profile settings" })).toBeVisible();

  const section = page.getByRole("region", { name: "Two-factor authentication" });
  await section.getByRole("button", { name: "Set up two-factor authentication" }).click();
  await expect(section.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const key = (await section.getByTestId("totp-key").textContent())!.trim();
  await section.getByLabel("Code from the app").fill("000000");
  await section.getByRole("button", { name: "Turn on" }).click();
  await expect(section.getByRole("alert").filter({ hasText: "That code is wrong" }).first()).toBeVisible();
  await section.getByLabel("Code from the app").fill(app(key).generate());
  await section.getByRole("button", { name: "Turn on" }).click();
  const codes = section.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const recovery = (await codes.allTextContents()).map((c) => c.trim());
  await section.getByRole("button", { name: "I have saved them" }).click();
  await expect(section.getByText("10 recovery codes left")).toBeVisible();

  // Password alone is not enough any more.
  await settings.signOut();
  await signIn.signIn(user.email, user.password);
  const code = page.getByLabel("Authentication code");
  await expect(code).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
  await code.fill("111111");
  await signIn.submit.click();
  await expect(signIn.error("That authentication code is wrong")).toBeVisible();
  await code.fill(app(key).generate());
  await signIn.submit.click();
  await chat.expectSignedInAs(user.name);

  // A recovery code instead of the app: once.
  await settings.goto();
  await settings.signOut();
  await signIn.signIn(user.email, user.password);
  await page.getByLabel("Authentication code").fill(recovery[0]!);
  await signIn.submit.click();
  await chat.expectSignedInAs(user.name);
  await settings.goto();
  await expect(page.getByText("9 recovery codes left")).toBeVisible();
  await settings.signOut();
  await signIn.signIn(user.email, user.password);
  await page.getByLabel("Authentication code").fill(recovery[0]!);
  await signIn.submit.click();
  await expect(signIn.error("That authentication code is wrong")).toBeVisible();
});
