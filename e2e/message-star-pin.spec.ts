// Stars and pins (issue 13), with two people in their own browsers: star a message (the marker
// follows to my other tab), find it in the Starred view and jump to it on an older page; pin up to
// three messages in a 1:1 (seen live by the other person, in a bar that jumps to each), the 4th
// refused with the reason, unpin live, pins survive a reload; in a group only admins may pin; axe
// scans of the pin bar and the Starred dialog.
import { randomUUID } from "node:crypto";
import type { Locator } from "@playwright/test";
import { expect, test } from "./fixtures/two-users";
import type { ChatApp } from "./pages/chat-app";
import { expectNoSeriousViolations } from "./support/axe";
import { newUser, registerViaApi } from "./support/users";

const row = (app: ChatApp, text: string): Locator => app.messageRow(text);

test("star a message, see it starred in my other tab, find it in the Starred view and jump to it on an older page", async ({
  alice: a,
  bob: b,
  users: { alice: ada, bob: bo },
  conversationId,
}) => {
  test.setTimeout(150_000);
  await a.postViaApi(conversationId, "Lunch at noon?");
  await b.openConversation(ada.name);
  // Bob's second tab on the same chat.
  const tab = await b.page.context().newPage();
  await tab.goto(`/chat/${conversationId}`);
  const tabLog = tab.getByRole("log", { name: "Messages" });
  await expect(tabLog.getByText("Lunch at noon?", { exact: true })).toBeVisible();
  // The tab is live (its channels subscribed, Alice's presence shown) before the star it must follow.
  await expect(tab.getByText("Active now", { exact: true })).toBeVisible();

  // Keyboard: the message's "More actions" button is a tab stop; Enter opens the menu; Star.
  const message = row(b, "Lunch at noon?");
  await message.getByRole("button", { name: "More actions" }).focus();
  await b.page.keyboard.press("Enter");
  const menu = b.page.getByRole("menu", { name: "More actions" });
  await expect(menu.getByRole("menuitem").first()).toBeFocused();
  await menu.getByRole("menuitem", { name: "Star", exact: true }).focus();
  await b.page.keyboard.press("Enter");
  await expect(message.getByText("Starred", { exact: true })).toBeAttached();
  // The other tab follows (my user channel); Alice sees no star (stars are mine only).
  const tabRow = tabLog.getByRole("listitem").filter({ has: tab.getByText("Lunch at noon?", { exact: true }) });
  await expect(tabRow.getByText("Starred", { exact: true })).toBeAttached();
  await a.openConversation(bo.name);
  await expect(a.message("Lunch at noon?")).toBeVisible();
  await expect(row(a, "Lunch at noon?").getByText("Starred", { exact: true })).toHaveCount(0);
  await tab.close();

  // 56 newer messages (28 each: within the send rate limit): the newest page (50) no longer holds the starred one.
  for (let i = 0; i < 28; i += 1) await a.postViaApi(conversationId, `Later A ${i}`);
  for (let i = 0; i < 28; i += 1) await b.postViaApi(conversationId, `Later B ${i}`);

  // From the chat list: the Starred view lists it; opening it loads the history around it and highlights it.
  await b.page.goto("/chat");
  await b.page.getByRole("button", { name: "Starred messages" }).click();
  const dialog = b.page.getByRole("dialog", { name: "Starred messages" });
  const entry = dialog.getByRole("button", { name: /Lunch at noon\?/ });
  await expect(entry).toBeVisible();
  await expect(entry).toContainText(ada.name);
  await expectNoSeriousViolations(b.page, "Starred dialog");
  await entry.click();
  await expect(dialog).toBeHidden();
  await expect(b.page).toHaveURL(new RegExp(`/chat/${conversationId}$`));
  const highlighted = b.log.locator('li[aria-current="true"]');
  await expect(highlighted).toContainText("Lunch at noon?");
  await expect(highlighted).toBeInViewport();
  await expect(highlighted.getByText("Starred", { exact: true })).toBeAttached();

  // Survives a reload; unstar empties the Starred view.
  await b.page.reload();
  await b.page.getByRole("button", { name: "Starred messages" }).click();
  await dialog.getByRole("button", { name: /Lunch at noon\?/ }).click();
  await expect(highlighted).toContainText("Lunch at noon?");
  await b.runMessageAction("Lunch at noon?", "Unstar");
  await expect(row(b, "Lunch at noon?").getByText("Starred", { exact: true })).toHaveCount(0);
  await b.page.getByRole("button", { name: "Starred messages" }).click();
  await expect(dialog.getByText("No starred messages yet.", { exact: false })).toBeVisible();
});

test("pin up to three messages, live for the other person; the 4th is refused; the bar jumps to each; unpin live", async ({
  alice: a,
  bob: b,
  users: { alice: ada, bob: bo },
  conversationId,
}) => {
  test.setTimeout(120_000);
  for (const text of ["Pin one", "Pin two", "Pin three", "Pin four"]) await a.postViaApi(conversationId, text);
  await a.openConversation(bo.name);
  await b.openConversation(ada.name);
  const barOf = (app: ChatApp) => app.page.getByRole("region", { name: "Pinned messages" });
  await expect(barOf(b)).toHaveCount(0);

  // Alice pins one: Bob's bar shows it at once.
  await a.runMessageAction("Pin one", "Pin");
  await expect(barOf(a)).toContainText("Pin one");
  await expect(barOf(b)).toContainText("Pin one");
  await expectNoSeriousViolations(b.page, "pin bar", "section[aria-label='Pinned messages']");

  // In a 1:1 either person may pin: Bob pins two more.
  await b.runMessageAction("Pin two", "Pin");
  await b.runMessageAction("Pin three", "Pin");
  await expect(barOf(a)).toContainText("Pinned message 1 of 3");
  await expect(barOf(b)).toContainText("Pinned message 1 of 3");
  // A 4th is refused with the reason.
  await a.runMessageAction("Pin four", "Pin");
  await expect(a.page.getByText("A chat can have at most 3 pinned messages. Unpin one first.")).toBeVisible();
  await expect(barOf(a)).toContainText("Pinned message 1 of 3");

  // The bar jumps to its pin and moves on to the next.
  await barOf(b)
    .getByRole("button", { name: /^Pinned message 1 of 3/ })
    .click();
  await expect(b.log.locator('li[aria-current="true"]')).toContainText("Pin one");
  await expect(barOf(b)).toContainText("Pinned message 2 of 3");
  await barOf(b).getByRole("button", { name: "Next pinned message" }).click();
  await expect(barOf(b)).toContainText("Pinned message 3 of 3");
  await expect(barOf(b)).toContainText("Pin three");

  // Unpin from the bar (Bob) and from the menu (Alice): live for the other, and after a reload.
  await barOf(b).getByRole("button", { name: "Unpin this message" }).click();
  await expect(barOf(a)).not.toContainText("Pin three");
  await expect(barOf(a)).toContainText("of 2");
  await a.runMessageAction("Pin one", "Unpin");
  await expect(barOf(b)).toContainText("Pinned message");
  await expect(barOf(b)).not.toContainText("Pin one");
  await expect(barOf(b)).toContainText("Pin two");
  await b.page.reload();
  await expect(barOf(b)).toContainText("Pin two");
  await expect(barOf(b)).not.toContainText("1 of");
  // The last unpin removes the bar for both.
  await barOf(a).getByRole("button", { name: "Unpin this message" }).click();
  await expect(barOf(a)).toHaveCount(0);
  await expect(barOf(b)).toHaveCount(0);
});

test("in a group only admins pin: a member's menu offers no Pin and shows the admin's pins", async ({
  alice: a,
  bob: b,
  users: { bob: bo },
  baseURL,
  request,
}) => {
  test.setTimeout(90_000);
  const name = `Pins ${randomUUID().slice(0, 6)}`;
  const carol = await registerViaApi(request, baseURL!, newUser("carol"));
  // Alice creates the group: she is its admin, Bob and Carol members.
  const created = await a.page.request.post("/api/conversations", {
    data: { type: "group", name, memberIds: [bo.id, carol.id] },
    headers: { Origin: baseURL! },
  });
  expect(created.status(), await created.text()).toBe(201);
  const groupId = ((await created.json()) as { conversation: { id: string } }).conversation.id;
  await b.postViaApi(groupId, "Agenda for Monday");
  await a.page.reload();
  await b.page.reload();
  await a.openConversation(name);
  await b.openConversation(name);

  const item = row(b, "Agenda for Monday");
  await item.hover();
  await item.getByRole("button", { name: "More actions" }).click();
  const menu = b.page.getByRole("menu", { name: "More actions" });
  await expect(menu.getByRole("menuitem", { name: "Star", exact: true })).toBeVisible();
  await expect(menu.getByRole("menuitem", { name: "Pin", exact: true })).toHaveCount(0);
  await b.page.keyboard.press("Escape");

  await a.runMessageAction("Agenda for Monday", "Pin");
  const bar = b.page.getByRole("region", { name: "Pinned messages" });
  await expect(bar).toContainText("Agenda for Monday");
  await expect(bar).toContainText("You:");
  // A member may jump to it but not unpin it; the admin may.
  await expect(bar.getByRole("button", { name: "Unpin this message" })).toHaveCount(0);
  await expect(a.page.getByRole("region", { name: "Pinned messages" }).getByRole("button", { name: "Unpin this message" })).toBeVisible();
});
