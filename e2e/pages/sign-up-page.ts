import { expect, type Locator, type Page } from "@playwright/test";

export class SignUpPage {
  readonly name: Locator;
  readonly email: Locator;
  readonly username: Locator;
  readonly password: Locator;
  readonly submit: Locator;

  constructor(readonly page: Page) {
    this.name = page.getByLabel("Name", { exact: true });
    this.email = page.getByLabel("Email", { exact: true });
    this.username = page.getByLabel("Username (optional)", { exact: true });
    this.password = page.getByLabel("Password", { exact: true });
    this.submit = page.getByRole("button", { name: "Create account" });
  }

  async goto() {
    await this.page.goto("/sign-up");
    await expect(this.page.getByRole("heading", { name: "Create your account" })).toBeVisible();
  }

  async register(user: { name: string; email: string; password: string; username?: string }) {
    await this.name.fill(user.name);
    await this.email.fill(user.email);
    if (user.username) await this.username.fill(user.username);
    await this.password.fill(user.password);
    await this.submit.click();
  }

  fieldError(text: string | RegExp): Locator {
    return this.page.getByRole("alert").filter({ hasText: text });
  }
}
