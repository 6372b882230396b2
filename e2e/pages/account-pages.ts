// Page objects of the account lifecycle: forgotten password, reset, e-mail verification, code sign-in.
import { expect, type Locator, type Page } from "@playwright/test";

export class ForgotPasswordPage {
  readonly email: Locator;
  readonly submit: Locator;

  constructor(readonly page: Page) {
    this.email = page.getByLabel("Email", { exact: true });
    this.submit = page.getByRole("button", { name: /Send (reset|another) link/ });
  }

  async goto() {
    await this.page.goto("/forgot-password");
    await expect(this.page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  }

  async request(email: string) {
    await this.email.fill(email);
    await this.submit.click();
    await expect(this.page.getByRole("status").filter({ hasText: "If an account uses this address" })).toBeVisible();
  }
}

export class ResetPasswordPage {
  readonly password: Locator;
  readonly submit: Locator;

  constructor(readonly page: Page) {
    this.password = page.getByLabel("New password", { exact: true });
    this.submit = page.getByRole("button", { name: "Set new password" });
  }

  async open(path: string) {
    await this.page.goto(path);
    await expect(this.page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  }

  async reset(password: string) {
    await this.password.fill(password);
    await this.submit.click();
  }
}

export class CodeSignInPage {
  readonly email: Locator;
  readonly code: Locator;

  constructor(readonly page: Page) {
    this.email = page.getByLabel("Email", { exact: true });
    this.code = page.getByLabel("Code", { exact: true });
  }

  async requestCode(email: string) {
    await this.email.fill(email);
    await this.page.getByRole("button", { name: "E-mail me a code" }).click();
    await expect(this.page.getByRole("status").filter({ hasText: "we have sent it a 6-digit code" })).toBeVisible();
  }

  async signIn(code: string) {
    await this.code.fill(code);
    await this.page.getByRole("button", { name: "Sign in with code" }).click();
  }

  error(text: string | RegExp): Locator {
    return this.page.getByRole("alert").filter({ hasText: text });
  }
}
