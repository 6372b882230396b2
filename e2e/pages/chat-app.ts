// Page object of the chat app (/chat and /chat/[id]): role and label locators only.
import { randomUUID } from "node:crypto";
import { expect, type Browser, type BrowserContextOptions, type Locator, type Page } from "@playwright/test";
import type { TestUser } from "../support/users";

/** What people search is typed for a person: their @username when they have one, else their name. */
export function personQuery(person: string | Pick<TestUser, "name" | "username">): { name: string; query: string } {
  if (typeof person === "string") return { name: person, query: person };
  return { name: person.name, query: person.username ? `@${person.username}` : person.name };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export class ChatApp {
  readonly conversations: Locator;
  readonly log: Locator;
  readonly composer: Locator;
  readonly sendButton: Locator;
  readonly attachButton: Locator;
  readonly peopleTab: Locator;
  readonly chatsTab: Locator;
  readonly newGroupButton: Locator;

  constructor(readonly page: Page) {
    this.conversations = page.getByRole("navigation", { name: "Conversations" });
    this.log = page.getByRole("log", { name: "Messages" });
    this.composer = page.getByRole("textbox", { name: /^Message / });
    this.sendButton = page.getByRole("button", { name: "Send message" });
    this.attachButton = page.getByRole("button", { name: "Attach image" });
    this.peopleTab = page.getByRole("button", { name: "People", exact: true });
    this.chatsTab = page.getByRole("button", { name: "Chats", exact: true });
    this.newGroupButton = page.getByRole("button", { name: "New group" });
  }

  /**
   * A new browser context signed in as `user`, on /chat (`open: false`: signed in, no page loaded yet
   * — the caller seeds through the API first and then calls openChats). The sign-in is the
   * credentials form's own request (NextAuth's callback), sent through the context so its session
   * cookie is the browser's: the sign-in page itself is what e2e/auth.spec.ts covers.
   */
  static async signedIn(
    browser: Browser,
    user: TestUser,
    options: BrowserContextOptions = {},
    { open = true }: { open?: boolean } = {},
  ): Promise<ChatApp> {
    const context = await browser.newContext(options);
    const { csrfToken } = (await (await context.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await context.request.post("/api/auth/callback/credentials", {
      form: { email: user.email, password: user.password, csrfToken, json: "true" },
    });
    const session = (await context.cookies()).find((cookie) => cookie.name.endsWith("next-auth.session-token"));
    expect(session, `signed in as ${user.email} (${response.status()} ${await response.text()})`).toBeDefined();
    const app = new ChatApp(await context.newPage());
    if (open) await app.openChats();
    return app;
  }

  /** Loads /chat and waits for the list. */
  async openChats() {
    await this.page.goto("/chat");
    await expect(this.page.getByRole("heading", { name: "Chats", level: 1 })).toBeVisible();
  }

  async close() {
    await this.page.context().close();
  }

  conversationLink(name: string): Locator {
    return this.conversations.getByRole("link", { name: new RegExp(escape(name)) });
  }

  conversationHeading(name: string): Locator {
    return this.page.getByRole("heading", { name, level: 2 });
  }

  /**
   * Opens the 1:1 with a person through the People tab: a user with a username is found by it (a
   * stranger is not found by name, issue 15); a bare name works for someone I already chat with.
   */
  async startChatWith(person: string | Pick<TestUser, "name" | "username">) {
    const { name, query } = personQuery(person);
    await this.peopleTab.click();
    await this.page.getByLabel("Search people", { exact: true }).fill(query);
    await this.page.getByRole("button", { name: `Message ${name}` }).click();
    await expect(this.conversationHeading(name)).toBeVisible();
    await expect(this.page).toHaveURL(/\/chat\/[0-9a-f-]+$/);
  }

  /** My status from the avatar menu in the sidebar (issue 15): "Online", "Busy", "Invisible". */
  async setStatus(choice: "Online" | "Busy" | "Invisible") {
    await this.page.getByRole("button", { name: /^Status: / }).click();
    await this.page.getByRole("menuitem", { name: new RegExp(`^(✓ )?${choice}`) }).click();
    await expect(this.page.getByRole("button", { name: new RegExp(`^Status: ${choice}`) })).toBeVisible();
  }

  async openConversation(name: string) {
    await this.conversationLink(name).click();
    await expect(this.conversationHeading(name)).toBeVisible();
  }

  async send(text: string) {
    await this.composer.fill(text);
    await this.composer.press("Enter");
  }

  async attachImage(file: { name: string; mimeType: string; buffer: Buffer }) {
    const chooser = this.page.waitForEvent("filechooser");
    await this.attachButton.click();
    await (await chooser).setFiles(file);
    await expect(this.page.getByRole("img", { name: `Attached image ${file.name}` })).toBeVisible();
  }

  message(text: string): Locator {
    return this.log.getByText(text, { exact: true });
  }

  /** The list item of the message whose text is `text`. */
  messageRow(text: string): Locator {
    return this.log.getByRole("listitem").filter({ has: this.page.getByText(text, { exact: true }) });
  }

  /** Runs one entry (`action`, its exact label) of a message's "More actions" menu (hover shows its toolbar). */
  async runMessageAction(text: string, action: string) {
    const item = this.messageRow(text);
    await item.hover();
    await item.getByRole("button", { name: "More actions" }).click();
    const menu = this.page.getByRole("menu", { name: "More actions" });
    await menu.getByRole("menuitem", { name: action, exact: true }).click();
    await expect(menu).toBeHidden();
  }

  /** Until the returned function runs, the server seems to refuse this user's sends (`status`, `message`). */
  async refuseSends(status: number, message: string): Promise<() => Promise<void>> {
    const pattern = "**/api/conversations/*/messages";
    await this.page.route(pattern, (route) =>
      route.request().method() === "POST"
        ? route.fulfill({ status, contentType: "application/json", body: JSON.stringify({ error: { code: "refused", message } }) })
        : route.continue(),
    );
    return () => this.page.unroute(pattern);
  }

  /** Seeds a message as this user through the API (POST /api/conversations/:id/messages); its id. */
  async postViaApi(conversationId: string, body: string): Promise<string> {
    const id = randomUUID();
    const response = await this.page.request.post(`/api/conversations/${conversationId}/messages`, {
      data: { id, body },
      headers: { Origin: new URL(this.page.url()).origin },
    });
    expect(response.status(), await response.text()).toBe(201);
    return id;
  }

  /** Answers a message request of this user through the API (POST /api/conversations/:id/message-request). */
  async answerRequestViaApi(conversationId: string, answer: "accept" | "decline"): Promise<void> {
    const response = await this.page.request.post(`/api/conversations/${conversationId}/message-request`, {
      data: { answer },
      headers: { Origin: new URL(this.page.url()).origin },
    });
    expect(response.status(), await response.text()).toBe(200);
  }

  /** Seeds a conversation as this user through the API (POST /api/conversations); its id. */
  async conversationViaApi(
    input: { type: "direct"; userId: string } | { type: "group"; name: string; memberIds: string[] },
  ): Promise<string> {
    const response = await this.page.request.post("/api/conversations", {
      data: input,
      headers: { Origin: new URL(this.page.url()).origin },
    });
    expect(response.status(), await response.text()).toBeLessThan(300);
    return ((await response.json()) as { conversation: { id: string } }).conversation.id;
  }

  /** The "Chat options" menu of a list row, opened with its button. */
  async openChatMenu(name: string): Promise<Locator> {
    const menu = this.page.getByRole("menu", { name: `Chat options for ${name}` });
    await expect(async () => {
      await this.page.getByRole("button", { name: `Chat options for ${name}` }).click();
      await expect(menu).toBeVisible({ timeout: 1_000 });
    }).toPass();
    return menu;
  }

  /** Runs one entry (exact label) of a list row's "Chat options" menu. */
  async runChatAction(name: string, action: string) {
    const menu = await this.openChatMenu(name);
    await menu.getByRole("menuitem", { name: action, exact: true }).click();
    await expect(menu).toBeHidden();
  }

  /** The list's filter chips (All / Unread / Groups). */
  filterChip(label: string): Locator {
    return this.page.getByRole("group", { name: "Filter chats" }).getByRole("button", { name: label, exact: true });
  }

  image(from: string): Locator {
    return this.log.getByRole("img", { name: `Image from ${from}` });
  }

  // ---- Group admin (issue 15): the "Group info" side sheet of a group's header. ----

  /** The group info side sheet. */
  get groupInfo(): Locator {
    return this.page.getByRole("dialog", { name: "Group info" });
  }

  async openGroupInfo() {
    await this.page.getByRole("button", { name: "Group info" }).click();
    await expect(this.groupInfo.getByRole("list", { name: "Members" })).toBeVisible();
  }

  async closeGroupInfo() {
    await this.groupInfo.getByRole("button", { name: "Close" }).click();
    await expect(this.groupInfo).toBeHidden();
  }

  /** A member's row in the open group info panel ("You" for me). */
  groupMember(name: string): Locator {
    return this.groupInfo.getByRole("list", { name: "Members" }).getByRole("listitem", { name, exact: true });
  }

  async makeGroupAdmin(name: string) {
    await this.groupInfo.getByRole("button", { name: `Make ${name} an admin` }).click();
    await expect(this.groupMember(name).getByText("Admin", { exact: true })).toBeVisible();
  }

  async removeGroupMember(name: string) {
    await this.groupInfo.getByRole("button", { name: `Remove ${name}` }).click();
    await expect(this.groupMember(name)).toHaveCount(0);
  }

  async renameGroup(name: string) {
    await this.groupInfo.getByRole("button", { name: "Edit group info" }).click();
    await this.groupInfo.getByLabel("Group name").fill(name);
    await this.groupInfo.getByRole("button", { name: "Save" }).click();
    await expect(this.groupInfo.getByRole("heading", { name, level: 3 })).toBeVisible();
  }

  /** Uploads a group icon from the open group info panel (issue 15); waits for the panel to show it. */
  async setGroupIcon(groupName: string, file: { name: string; mimeType: string; buffer: Buffer }) {
    await this.groupInfo.getByLabel("Upload group icon").setInputFiles(file);
    await expect(this.groupInfo.getByRole("img", { name: `${groupName} group icon` })).toBeVisible();
  }

  /** Turns one of the group's settings (its checkbox label) on or off. */
  async setGroupSetting(label: string, on: boolean) {
    const box = this.groupInfo.getByRole("checkbox", { name: label });
    await box.setChecked(on);
    await expect(box).toBeChecked({ checked: on });
  }

  /** Creates an invite link (the panel's defaults) in the open group info panel; the link. */
  async createInviteLink(): Promise<string> {
    await this.groupInfo.getByRole("button", { name: "Create invite link" }).click();
    const link = this.groupInfo.getByRole("list", { name: "Invite links" }).getByRole("textbox", { name: "Invite link" }).first();
    await expect(link).toHaveValue(/\/chat\/join\//);
    return link.inputValue();
  }

  /** A system message of the open chat ("Ana added Ben"). */
  systemMessage(text: string): Locator {
    return this.log.getByText(text, { exact: true });
  }

  async createGroup(name: string, members: (string | Pick<TestUser, "name" | "username">)[]) {
    await this.newGroupButton.click();
    const dialog = this.page.getByRole("dialog", { name: "New group" });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel("Group name").fill(name);
    for (const person of members) {
      const { name: member, query } = personQuery(person);
      await dialog.getByLabel("Search people to add").fill(query);
      await dialog.getByRole("checkbox", { name: member }).check();
    }
    await dialog.getByRole("button", { name: "Create group" }).click();
    await expect(dialog).toBeHidden();
    await expect(this.conversationHeading(name)).toBeVisible();
  }
}
