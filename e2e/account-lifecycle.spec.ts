// Account lifecycle end to end (issue #17): every mail goes through a real local SMTP server
// (e2e/support/mail-server.ts) and the test follows the links and codes it carries.
import { expect, test } from "@playwright/test";
import { CodeSignInPage, ForgotPasswordPage, ResetPasswordPage } from "./pages/account-pages";
import { ChatPage } from "./pages/chat-page";
import { SettingsPage } from "./pages/settings-page";
import { SignInPage } from "./pages/sign-in-page";
import { SignUpPage } from "./pages/sign-up-page";
import { linkPath, mailCode, waitForE2eMail } from "./support/mail";
import { newUser, registerViaApi } from "./support/users";

test("sign up → the account works unverified → the mailed link verifies the address", async ({ page }) => {
  const user = newUser("verify");
  const signUp = new SignUpPage(page);
  await signUp.goto();
  await signUp.register(user);
  await new ChatPage(page).expectSignedInAs(user.name);

  const settings = new SettingsPage(page);
  await settings.goto();
  await expect(page.getByText("Not verified")).toBeVisible();

  const mail = await waitForE2eMail(user.email, /Confirm your e-mail address/);
  expect(mail.html).toContain("Confirm my e-mail address");
  const link = linkPath(mail);
  expect(link).toMatch(/^\/verify-email#token=/);
  await page.goto(link);
  await expect(page.getByRole("status").filter({ hasText: "Your e-mail address is confirmed" })).toBeVisible();

  await settings.goto();
  await expect(page.getByText("Not verified")).toHaveCount(0);

  // The link works once.
  await page.goto(link);
  await expect(page.getByRole("alert").filter({ hasText: "no longer valid" })).toBeVisible();
});

test("forgot password → reset link → new password; every old session is signed out and a notice is mailed", async ({
  browser,
  page,
  request,
  baseURL,
}) => {
  const user = await registerViaApi(request, baseURL!, newUser("reset"));
  // Another device is signed in with the old password.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  const otherSignIn = new SignInPage(otherPage);
  await otherSignIn.goto();
  await otherSignIn.signIn(user.email, user.password);
  await new ChatPage(otherPage).expectSignedInAs(user.name);

  const signIn = new SignInPage(page);
  await signIn.goto();
  await page.getByRole("link", { name: "Forgot password?" }).click();
  const forgot = new ForgotPasswordPage(page);
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await forgot.request(user.email);
  // An unknown address hears exactly the same.
  await forgot.request(`nobody-${Date.now()}@parley.test`);

  const mail = await waitForE2eMail(user.email, /Reset your Parley password/);
  const reset = new ResetPasswordPage(page);
  await reset.open(linkPath(mail));
  await reset.reset("password123");
  await expect(page.getByRole("alert").filter({ hasText: "This password is too common" })).toBeVisible();
  const newPassword = `A new horse ${Date.now()}`;
  await reset.reset(newPassword);
  await expect(page).toHaveURL(/\/sign-in\?message=password-reset/);
  await expect(page.getByRole("status").filter({ hasText: "Your new password is set" })).toBeVisible();

  // The other device's session is over.
  await otherPage.goto("/chat");
  await expect(otherPage).toHaveURL(/\/sign-in/);
  await other.close();

  await signIn.signIn(user.email, user.password);
  await expect(signIn.error("Wrong email or password.")).toBeVisible();
  await signIn.signIn(user.email, newPassword);
  await new ChatPage(page).expectSignedInAs(user.name);
  await waitForE2eMail(user.email, /password was changed/);

  // The link works once.
  await page.context().clearCookies();
  await reset.open(linkPath(mail));
  await reset.reset(`Yet another horse ${Date.now()}`);
  await expect(page.getByRole("alert").filter({ hasText: "no longer valid" })).toBeVisible();
});

test("sign in with an e-mailed code instead of the password", async ({ page, request, baseURL }) => {
  const user = await registerViaApi(request, baseURL!, newUser("code"));
  const signIn = new SignInPage(page);
  await signIn.goto();
  await page.getByRole("link", { name: "E-mail me a code instead" }).click();
  await expect(page.getByRole("heading", { name: "Sign in with a code" })).toBeVisible();
  const codePage = new CodeSignInPage(page);
  await codePage.requestCode(user.email);
  const code = mailCode(await waitForE2eMail(user.email, /sign-in code/));

  const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
  await codePage.signIn(wrong);
  await expect(codePage.error("That code is wrong or no longer valid")).toBeVisible();
  await codePage.signIn(code);
  await new ChatPage(page).expectSignedInAs(user.name);

  // The code proved the address.
  const settings = new SettingsPage(page);
  await settings.goto();
  await expect(page.getByText("Not verified")).toHaveCount(0);
});
