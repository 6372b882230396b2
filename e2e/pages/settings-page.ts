import { expect, type Locator, type Page } from "@playwright/test";

export class SettingsPage {
  readonly displayName: Locator;
  readonly avatarFile: Locator;
  readonly imageUrl: Locator;
  readonly save: Locator;
  readonly username: Locator;
  readonly about: Locator;
  readonly saveDetails: Locator;
  readonly signInMethods: Locator;
  readonly signOutButton: Locator;

  constructor(readonly page: Page) {
    this.displayName = page.getByLabel("Display name", { exact: true });
    this.avatarFile = page.getByLabel("Avatar image", { exact: true });
    this.imageUrl = page.getByLabel("Or image URL", { exact: true });
    this.save = page.getByRole("button", { name: "Save profile" });
    const details = page.getByRole("form", { name: "Username and about" });
    this.username = details.getByLabel("Username", { exact: true });
    this.about = details.getByLabel("About", { exact: true });
    this.saveDetails = page.getByRole("button", { name: "Save username and about" });
    this.signInMethods = page.getByRole("list", { name: "Sign-in methods" });
    this.signOutButton = page.getByRole("button", { name: "Sign out" });
  }

  async goto() {
    await this.page.goto("/settings");
    await expect(this.page.getByRole("heading", { name: "Profile settings" })).toBeVisible();
  }

  async expectSaved() {
    await expect(this.page.getByRole("status").filter({ hasText: "Profile saved." })).toBeVisible();
  }

  /** Sets my username (and about line) and expects it saved. */
  async setUsername(username: string, about?: string) {
    await this.username.fill(username);
    if (about !== undefined) await this.about.fill(about);
    await this.saveDetails.click();
    await expect(this.page.getByRole("status").filter({ hasText: "Username and about saved." })).toBeVisible();
  }

  async signOut() {
    await this.signOutButton.click();
    await expect(this.page).toHaveURL(/\/sign-in/);
    await expect(this.page.getByRole("status").filter({ hasText: "You are signed out." })).toBeVisible();
  }

  avatar(name: string): Locator {
    return this.page.getByRole("img", { name: `${name}'s avatar` });
  }

  /** "Delete my account" with the password, optionally with my messages; ends on the sign-in page. */
  async deleteAccount(password: string, { deleteMessages = false } = {}) {
    await this.page.getByRole("button", { name: "Delete my account", exact: true }).click();
    const dialog = this.page.getByRole("dialog", { name: "Delete your account?" });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel("Password", { exact: true }).fill(password);
    if (deleteMessages) await dialog.getByRole("checkbox", { name: "Also delete my messages" }).check();
    await dialog.getByRole("button", { name: "Delete my account permanently" }).click();
    await expect(this.page).toHaveURL(/\/sign-in/);
    await expect(this.page.getByText("Your account was deleted.")).toBeVisible();
  }
}
