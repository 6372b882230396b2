import { expect, type Locator, type Page } from "@playwright/test";

export class SignInPage {
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;

  constructor(readonly page: Page) {
    this.email = page.getByLabel("Email", { exact: true });
    this.password = page.getByLabel("Password", { exact: true });
    this.submit = page.getByRole("button", { name: "Sign in", exact: true });
  }

  async goto(callbackUrl?: string) {
    await this.page.goto(callbackUrl ? `/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/sign-in");
    await expect(this.page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  }

  async signIn(email: string, password: string) {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.submit.click();
  }

  /** The form-level error (role=alert), e.g. "Wrong email or password." */
  error(text: string | RegExp): Locator {
    return this.page.getByRole("alert").filter({ hasText: text });
  }

  providerButton(name: string): Locator {
    return this.page.getByRole("button", { name: `Continue with ${name}` });
  }
}
