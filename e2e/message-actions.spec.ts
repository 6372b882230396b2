// Message actions (issue 13, part A), with two and three people in their own browsers: reply and
// jump to the original (loading older pages), edit seen live, delete for everyone seen live as a
// tombstone, reactions toggled by two people (quick row and the offline emoji picker), forward to
// another chat, and axe scans of the toolbar, the menu, the quick reactions and the picker.
import { randomUUID } from "node:crypto";
import type { Locator } from "@playwright/test";
import { expect, test } from "./fixtures/two-users";
import { ChatApp } from "./pages/chat-app";
import { expectNoSeriousViolations } from "./support/axe";
import { newUser, registerViaApi } from "./support/users";

/** The list item of the message whose text is `text`. */
const row = (app: ChatApp, text: string): Locator =>
  app.log.getByRole("listitem").filter({ has: app.page.getByText(text, { exact: true }) });

/** Opens the actions menu of a message (hover shows its toolbar; the menu button is a tab stop too). */
async function openMenu(app: ChatApp, text: string): Promise<Locator> {
  const item = row(app, text);
  await item.hover();
  await item.getByRole("button", { name: "More actions" }).click();
  const menu = app.page.getByRole("menu", { name: "More actions" });
  await expect(menu).toBeVisible();
  return menu;
}

test("reply and jump to an original on an older page, edit, react, delete for everyone — live for the other person", async ({
  alice: a,
  bob: b,
  users: { alice: ada, bob: bo },
  conversationId,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const post = async (app: ChatApp, body: string, replyToId?: string) => {
    const id = randomUUID();
    const response = await app.page.request.post(`/api/conversations/${conversationId}/messages`, {
      data: { id, body, ...(replyToId ? { replyToId } : {}) },
      headers: { Origin: baseURL! },
    });
    expect(response.status(), await response.text()).toBe(201);
    return id;
  };
  const original = await post(a, "Where shall we meet?");
  for (let i = 0; i < 28; i += 1) await post(a, `Filler A ${i}`);
  // Older than the resync window of an opening chat (10 s), so the original comes from an older page.
  await a.page.waitForTimeout(11_000);
  for (let i = 0; i < 28; i += 1) await post(b, `Filler B ${i}`);
  await post(b, "At the station", original);

  // The reply shows its quote; clicking it loads the page around the original and highlights it.
  // Older pages are held back, so the original can only arrive through the jump.
  // (A reload, too: the open page received every message live and holds them all.)
  await a.page.route(/\/messages\?.*before=/, (route) => route.abort());
  await a.page.reload();
  await a.openConversation(bo.name);
  const reply = row(a, "At the station");
  await expect(reply).toBeVisible();
  const quote = reply.getByRole("button", { name: /^Reply to You: Where shall we meet\?/ });
  await expect(quote).toBeVisible();
  // Only the quote shows the text: the original is on an older page, not loaded.
  await expect(a.log.getByText("Where shall we meet?", { exact: true })).toHaveCount(1);
  await quote.click();
  const highlighted = a.log.locator('li[aria-current="true"]');
  await expect(highlighted).toContainText("Where shall we meet?");
  await expect(highlighted).toBeInViewport();
  await expect(highlighted.getByRole("button", { name: /^Reply to/ })).toHaveCount(0); // the original, not a quote

  // Reply from the menu: the composer says to whom, Cancel drops it, the reply carries the quote.
  await a.page.unroute(/\/messages\?.*before=/);
  await a.page.reload();
  const menu = await openMenu(a, "Filler B 27");
  await expectNoSeriousViolations(a.page, "message toolbar and menu");
  await menu.getByRole("menuitem", { name: "Reply" }).click();
  await expect(a.page.getByText(`Replying to ${bo.name}`)).toBeVisible();
  await a.page.getByRole("button", { name: "Cancel reply" }).click();
  await expect(a.page.getByText(`Replying to ${bo.name}`)).toHaveCount(0);
  await (await openMenu(a, "Filler B 27")).getByRole("menuitem", { name: "Reply" }).click();
  await a.send("Sounds good");
  await b.openConversation(ada.name);
  await expect(row(b, "Sounds good").getByRole("button", { name: /^Reply to You: Filler B 27/ })).toBeVisible();

  // Edit: Bob sees the new text and the "edited" mark live.
  await (await openMenu(a, "Sounds good")).getByRole("menuitem", { name: "Edit" }).click();
  await expect(a.page.getByText("Editing message")).toBeVisible();
  await a.composer.fill("Sounds great");
  await a.page.getByRole("button", { name: "Save edit" }).click();
  await expect(b.message("Sounds great")).toBeVisible();
  await expect(row(b, "Sounds great").getByText("edited", { exact: true })).toBeVisible();
  await expect(b.message("Sounds good")).toHaveCount(0);
  // Alice, its author, can read the earlier version.
  await (await openMenu(a, "Sounds great")).getByRole("menuitem", { name: "Edit history" }).click();
  const history = a.page.getByRole("dialog", { name: "Edit history" });
  await expect(history.getByText("Sounds good", { exact: true })).toBeVisible();
  await history.getByRole("button", { name: "Close" }).click();

  // Reactions: Bob from the quick row, Alice by clicking his chip; each toggles their own.
  const bobRow = row(b, "Sounds great");
  await bobRow.hover();
  await bobRow.getByRole("button", { name: "Add reaction" }).click();
  await expect(b.page.getByRole("group", { name: "Quick reactions" })).toBeVisible();
  await expectNoSeriousViolations(b.page, "quick reactions");
  await b.page.getByRole("button", { name: "React with 👍" }).click();
  const chipOnA = row(a, "Sounds great").getByRole("button", { name: /^👍 1: / });
  await expect(chipOnA).toBeVisible();
  await expect(chipOnA).toHaveAttribute("aria-pressed", "false");
  await chipOnA.click();
  const chipOnB = bobRow.getByRole("button", { name: /^👍 2: You and / });
  await expect(chipOnB).toHaveAttribute("aria-pressed", "true");
  await chipOnB.click();
  await expect(row(a, "Sounds great").getByRole("button", { name: /^👍 1: You\./ })).toHaveAttribute("aria-pressed", "true");

  // The full picker works offline (self-served data): search and pick.
  await (await openMenu(b, "Sounds great")).getByRole("menuitem", { name: "Add reaction…" }).click();
  const picker = b.page.getByRole("dialog", { name: "Add a reaction" });
  await expect(picker.getByRole("gridcell", { name: "grinning face", exact: true })).toBeVisible();
  await expectNoSeriousViolations(b.page, "emoji picker");
  await picker.getByRole("searchbox", { name: "Search emoji" }).fill("rocket");
  await picker.getByRole("gridcell", { name: "rocket", exact: true }).click();
  await expect(row(a, "Sounds great").getByRole("button", { name: /^🚀 1: / })).toBeVisible();

  // Delete for everyone: a tombstone in place, for both, and it survives a reload.
  await (await openMenu(a, "Sounds great")).getByRole("menuitem", { name: "Delete…" }).click();
  await a.page.getByRole("dialog", { name: "Delete message?" }).getByRole("button", { name: "Delete for everyone" }).click();
  await expect(b.message("Sounds great")).toHaveCount(0);
  await expect(b.log.getByText("This message was deleted")).toBeVisible();
  await expect(a.log.getByText("This message was deleted")).toBeVisible();
  await b.page.reload();
  await expect(b.log.getByText("This message was deleted")).toBeVisible();
  await expect(b.message("Sounds great")).toHaveCount(0);
  await expect(b.conversationLink(ada.name)).toContainText("This message was deleted");
});

test("forward a message to another of my chats: the third person sees it marked Forwarded", async ({
  alice: a,
  bob: b,
  users: { alice: ada, bob: bo },
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(120_000); // three people sign in
  const cy = await registerViaApi(request, baseURL!, newUser("cy"));
  const c = await ChatApp.signedIn(browser, cy);
  await b.startChatWith(cy);
  await b.send("Hi Cy");
  await a.openConversation(bo.name);
  await a.send("Party at 8, bring snacks");
  await b.openConversation(ada.name);
  await (await openMenu(b, "Party at 8, bring snacks")).getByRole("menuitem", { name: "Forward…" }).click();
  const dialog = b.page.getByRole("dialog", { name: "Forward message" });
  await dialog.getByRole("checkbox", { name: cy.name }).check();
  await dialog.getByRole("button", { name: "Forward", exact: true }).click();
  await expect(dialog).toBeHidden();

  await c.openConversation(bo.name);
  const forwarded = row(c, "Party at 8, bring snacks");
  await expect(forwarded).toBeVisible();
  await expect(forwarded.getByText("Forwarded", { exact: true })).toBeVisible();
  // Keyboard: from the history, Tab reaches each message's "More actions" button; Enter opens its
  // menu with focus on the first item.
  await c.page.getByRole("region", { name: "Message history" }).focus();
  await c.page.keyboard.press("Tab");
  await expect(row(c, "Hi Cy").getByRole("button", { name: "More actions" })).toBeFocused();
  await c.page.keyboard.press("Tab");
  await expect(forwarded.getByRole("button", { name: "More actions" })).toBeFocused();
  await c.page.keyboard.press("Enter");
  const menu = c.page.getByRole("menu", { name: "More actions" });
  await expect(menu.getByRole("menuitem", { name: "Reply" })).toBeFocused();
  // Someone else's message cannot be edited or deleted for everyone by me in a 1:1.
  await expect(menu.getByRole("menuitem", { name: "Edit" })).toHaveCount(0);
  await menu.getByRole("menuitem", { name: "Delete…" }).click();
  const del = c.page.getByRole("dialog", { name: "Delete message?" });
  await expect(del.getByRole("button", { name: "Delete for everyone" })).toHaveCount(0);
  await del.getByRole("button", { name: "Delete for me" }).click();
  await expect(c.message("Party at 8, bring snacks")).toHaveCount(0);
  // Bob still has his copy.
  await b.openConversation(cy.name);
  await expect(row(b, "Party at 8, bring snacks").getByText("Forwarded", { exact: true })).toBeVisible();
  await c.close();
});
