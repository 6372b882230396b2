// Privacy settings of issue 15 that reach other people, in their own browsers: Bob turns read
// receipts off in Settings (another tab) and Alice's open chat stops showing "Seen" without a
// reload — also for the messages he reads after (blue ticks never come; delivered still does), and
// after a reload (the server leaves his reads out). Ben accepts group adds only from his contacts:
// Ana (not his contact) creates a group with him and Cal — Ana is told an invitation was sent, the
// invitation appears live in Ben's People inbox with its badge, and accepting puts the group in his
// list, with "Ben joined" in everyone's timeline.
import { expect, test } from "@playwright/test";
import { test as twoUsers } from "./fixtures/two-users";
import { ChatApp } from "./pages/chat-app";
import { SettingsPage } from "./pages/settings-page";
import { newUser, registerViaApi } from "./support/users";

twoUsers("read receipts off: the other person no longer sees Seen, live and after a reload", async ({ alice: a, bob: b, users }) => {
  const { alice, bob } = users;
  await a.openConversation(bob.name);
  await b.openConversation(alice.name);
  await a.send("Before the switch");
  await expect(b.message("Before the switch")).toBeVisible();
  const newestTicks = a.log.getByRole("button", { name: /^Message info/ }).last();
  const seen = a.log.getByText("Seen", { exact: true });
  await expect(newestTicks).toHaveAccessibleName("Message info (Read)");
  await expect(seen).toBeVisible();

  // Bob's Settings in another tab (his chat tab stays open): read receipts off.
  const tab = await b.page.context().newPage();
  await new SettingsPage(tab).goto();
  await tab.getByRole("form", { name: "Privacy" }).getByLabel("Read receipts", { exact: true }).uncheck();
  await tab.getByRole("button", { name: "Save privacy" }).click();
  await expect(tab.getByRole("status").filter({ hasText: "Privacy settings saved." })).toBeVisible();
  await tab.close();
  await b.page.bringToFront();

  // Alice, live: no "Seen", delivered ticks only.
  await expect(seen).toHaveCount(0);
  await expect(newestTicks).toHaveAccessibleName("Message info (Delivered)");
  // A new message Bob reads with the chat open: still only delivered for Alice.
  await a.send("After the switch");
  await expect(b.message("After the switch")).toBeVisible();
  await expect(newestTicks).toHaveAccessibleName("Message info (Delivered)");
  await expect(seen).toHaveCount(0);
  // The server leaves his reads out: a reload shows the same.
  await a.page.reload();
  await expect(a.message("After the switch")).toBeVisible();
  await expect(a.log.getByRole("button", { name: /^Message info/ }).last()).toHaveAccessibleName("Message info (Delivered)");
  await expect(a.log.getByText("Seen", { exact: true })).toHaveCount(0);
});

test("who can add me to groups = my contacts: a stranger's add becomes an invitation, live in the inbox; accepting joins", async ({
  browser,
  request,
  baseURL,
}) => {
  const [ana, ben, cal] = await Promise.all(["ana", "ben", "cal"].map((n) => registerViaApi(request, baseURL!, newUser(n))));
  const b = await ChatApp.signedIn(browser, ben!);
  const settings = new SettingsPage(b.page);
  await settings.goto();
  await b.page.getByRole("form", { name: "Privacy" }).getByLabel("Who can add me to groups", { exact: true }).selectOption("contacts");
  await b.page.getByRole("button", { name: "Save privacy" }).click();
  await expect(b.page.getByRole("status").filter({ hasText: "Privacy settings saved." })).toBeVisible();
  await b.page.goto("/chat");
  await expect(b.peopleTab).toBeVisible();

  const a = await ChatApp.signedIn(browser, ana!);
  const c = await ChatApp.signedIn(browser, cal!);
  const name = "Trail runners";
  await a.createGroup(name, [ben!, cal!]);
  // Ana is told; Cal is in, Ben is not (yet).
  await expect(a.page.getByText(`${ben!.name} only accepts group adds from contacts: an invitation was sent.`)).toBeVisible();
  await expect(c.conversationLink(name)).toBeVisible();
  await expect(b.conversationLink(name)).toHaveCount(0);

  // Ben, live: the badge and the invitation in his People inbox.
  const badge = b.page.getByRole("status", { name: "1 request" });
  await expect(badge).toBeVisible();
  await b.peopleTab.click();
  const invitations = b.page.getByRole("list", { name: "Group invitations" });
  await expect(invitations).toContainText(name);
  await expect(invitations).toContainText(`${ana!.name} invited you · 2 members`);
  await invitations.getByRole("button", { name: `Join ${name}` }).click();
  await expect(badge).toBeHidden();
  await expect(invitations).toBeHidden();

  // The group is in Ben's list without a reload; everyone's timeline says he joined.
  await b.chatsTab.click();
  await b.openConversation(name);
  await expect(b.systemMessage("You joined")).toBeVisible();
  await a.openConversation(name);
  await expect(a.systemMessage(`${ben!.name} joined`)).toBeVisible();
  await b.send("Thanks for the invite");
  await expect(a.message("Thanks for the invite")).toBeVisible();

  await Promise.all([a.close(), b.close(), c.close()]);
});
