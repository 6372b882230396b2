import { expect, type Page } from "@playwright/test";

/**
 * The signed-in landing page (/chat, built by the chat work). Auth tests only rely on the URL and
 * on the session API here, so they do not depend on the chat UI's markup.
 */
export class ChatPage {
  constructor(readonly page: Page) {}

  async expectSignedInAs(name: string) {
    await expect(this.page).toHaveURL(/\/chat(\?|$)/);
    await expect
      .poll(async () => ((await (await this.page.request.get("/api/auth/session")).json()) as { user?: { name?: string } }).user?.name)
      .toBe(name);
  }
}
