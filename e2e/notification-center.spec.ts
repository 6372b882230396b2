// The notification center (issue 16, lib/chat/notification-center): Bob reacts to Alice's message
// and mentions her; Alice's bell counts both live, without a reload; its panel lists them ("Bob
// reacted 👍 to your message", "Bob mentioned you"); opening the mention marks it read and opens the
// chat; "Mark all as read" clears the badge, also in her other tab. A contact request's entry opens
// the People tab's inbox; accepting it there marks the entry read.
import { expect, test } from "./fixtures/two-users";
import { expectNoSeriousViolations } from "./support/axe";

test("the bell counts a reaction and a mention live; the panel opens the chat and marks all read", async ({
  alice: a,
  bob: b,
  users: { alice, bob },
  conversationId,
}) => {
  test.setTimeout(120_000);
  const bell = (app: typeof a, unread: number) =>
    app.page.getByRole("button", { name: unread > 0 ? `Notifications, ${unread} unread` : "Notifications", exact: true });
  await expect(bell(a, 0)).toBeEnabled();

  // Alice's message; Bob reacts to it from the quick row.
  await a.postViaApi(conversationId, "Lunch at noon?");
  await b.openConversation(alice.name);
  const row = b.messageRow("Lunch at noon?");
  await row.hover();
  await row.getByRole("button", { name: "Add reaction" }).click();
  await b.page.getByRole("button", { name: "React with 👍" }).click();
  await expect(bell(a, 1)).toBeVisible();
  await expect(a.page.getByTestId("notification-badge")).toHaveText("1");

  // Bob mentions her.
  await b.postViaApi(conversationId, `See you there <@${alice.id}>`);
  await expect(bell(a, 2)).toBeVisible();

  // A second tab of Alice's, to see "mark all read" reach it.
  const other = await a.page.context().newPage();
  await other.goto("/chat");
  await expect(other.getByRole("button", { name: "Notifications, 2 unread", exact: true })).toBeVisible();

  // The panel: newest first; opening the mention marks it read and opens the chat.
  await bell(a, 2).click();
  const panel = a.page.getByRole("dialog", { name: "Notifications" });
  const entries = panel.getByRole("list", { name: "Notifications" }).getByRole("button");
  await expect(entries).toHaveText([/mentioned you/, /reacted 👍 to your message/]);
  await expect(entries.nth(0)).toHaveAccessibleName(`${bob.name} mentioned you (unread)`);
  await expect(entries.nth(1)).toHaveAccessibleName(`${bob.name} reacted 👍 to your message (unread)`);
  await expectNoSeriousViolations(a.page, "notification center", '[role="dialog"]');
  await entries.nth(0).click();
  await expect(panel).toBeHidden();
  await expect(a.page).toHaveURL(new RegExp(`/chat/${conversationId}$`));
  await expect(a.conversationHeading(bob.name)).toBeVisible();
  await expect(a.log.getByText("See you there")).toBeVisible();
  await expect(bell(a, 1)).toBeVisible();

  // Mark all as read: the badge goes, here and in the other tab.
  await bell(a, 1).click();
  await expect(panel.getByRole("button", { name: `${bob.name} mentioned you`, exact: true })).toBeVisible();
  await panel.getByRole("button", { name: "Mark all as read" }).click();
  await expect(panel.getByText("You're all caught up.")).toBeVisible();
  await panel.getByRole("button", { name: "Close" }).click();
  await expect(bell(a, 0)).toBeVisible();
  await expect(a.page.getByTestId("notification-badge")).toHaveCount(0);
  await expect(other.getByRole("button", { name: "Notifications", exact: true })).toBeVisible();
  await expect(other.getByTestId("notification-badge")).toHaveCount(0);
  await other.close();
});

test("a contact request: the entry opens the People tab's inbox, and accepting there marks it read", async ({
  alice: a,
  bob: b,
  users: { alice, bob },
}) => {
  // Bob finds Alice (they share a chat) and asks her.
  await b.peopleTab.click();
  await b.page.getByLabel("Search people", { exact: true }).fill(alice.name);
  await b.page
    .getByRole("list", { name: "People found" })
    .getByRole("button", { name: `Add ${alice.name} as a contact` })
    .click();

  const unread = a.page.getByRole("button", { name: "Notifications, 1 unread", exact: true });
  await unread.click();
  const panel = a.page.getByRole("dialog", { name: "Notifications" });
  await panel.getByRole("button", { name: `${bob.name} sent you a contact request (unread)`, exact: true }).click();
  await expect(panel).toBeHidden();
  const requests = a.page.getByRole("list", { name: "Contact requests" });
  await expect(requests.getByText(bob.name)).toBeVisible();
  await requests.getByRole("button", { name: `Accept ${bob.name}` }).click();
  await expect(a.page.getByRole("button", { name: "Notifications", exact: true })).toBeVisible();
  await a.page.getByRole("button", { name: "Notifications", exact: true }).click();
  await expect(panel.getByRole("button", { name: `${bob.name} sent you a contact request`, exact: true })).toBeVisible();
});
