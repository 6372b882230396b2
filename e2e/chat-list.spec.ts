// My chat list (issue 15): pin, mute, archive and the filter row, from the list's "Chat options"
// menu (mouse and keyboard), stored on the server and followed live by my other device (two
// contexts of the same user); another member's message brings an archived chat back unless I muted
// it; nobody else sees any of it.
import { expect, test } from "@playwright/test";
import { ChatApp } from "./pages/chat-app";
import { newUser, registerViaApi } from "./support/users";

test("pin, mute, archive and filter my chats; my other device follows live; a new message unarchives unless muted", async ({
  browser,
  request,
  baseURL,
}) => {
  // Four browser contexts and a long flow: more than the default minute on a loaded 2-core machine.
  test.setTimeout(120_000);
  const dana = await registerViaApi(request, baseURL!, newUser("dana"));
  const eli = await registerViaApi(request, baseURL!, newUser("eli"));
  const fay = await registerViaApi(request, baseURL!, newUser("fay"));
  const laptop = await ChatApp.signedIn(browser, dana);
  const phone = await ChatApp.signedIn(browser, dana);
  const e = await ChatApp.signedIn(browser, eli);
  const f = await ChatApp.signedIn(browser, fay);

  // Three chats: Fay (oldest), the group, Eli (newest activity).
  const withFay = await laptop.conversationViaApi({ type: "direct", userId: fay.id });
  await f.postViaApi(withFay, "Hi from Fay");
  const group = `Lunch crew ${Date.now().toString(36)}`;
  const groupId = await laptop.conversationViaApi({ type: "group", name: group, memberIds: [eli.id, fay.id] });
  await laptop.postViaApi(groupId, "Who is in?");
  const withEli = await laptop.conversationViaApi({ type: "direct", userId: eli.id });
  await laptop.postViaApi(withEli, "Hello Eli");
  await laptop.page.reload();
  await phone.page.reload();
  const rows = (app: ChatApp) => app.conversations.getByRole("link");
  await expect(rows(phone).first()).toContainText(eli.name);
  await expect(rows(phone)).toHaveCount(3);
  // Both devices are live (presence shows) before the first change they must follow.
  for (const app of [laptop, phone]) await expect(app.conversationLink(eli.name)).toContainText("(online)");

  // Pin Fay's chat with the keyboard: it goes to the top, here and on the phone.
  const fayOptions = laptop.page.getByRole("button", { name: `Chat options for ${fay.name}` });
  await fayOptions.focus();
  await fayOptions.press("Enter");
  const fayMenu = laptop.page.getByRole("menu", { name: `Chat options for ${fay.name}` });
  await expect(fayMenu.getByRole("menuitem").first()).toBeFocused();
  await laptop.page.keyboard.press("ArrowDown");
  await expect(fayMenu.getByRole("menuitem", { name: "Pin chat" })).toBeFocused();
  await laptop.page.keyboard.press("Enter");
  for (const app of [laptop, phone]) {
    await expect(rows(app).first()).toContainText(fay.name);
    await expect(rows(app).first()).toContainText("(pinned)");
  }
  // Mine only: Eli's and Fay's lists show no pin.
  await expect(f.conversationLink(dana.name)).not.toContainText("(pinned)");

  // Mute Eli's chat for 8 hours; his next message shows a muted badge on both devices.
  await laptop.runChatAction(eli.name, "Mute: 8 hours");
  await expect(phone.conversationLink(eli.name)).toContainText("(muted)");
  await e.postViaApi(withEli, "Are you there?");
  for (const app of [laptop, phone]) {
    const row = app.conversationLink(eli.name);
    await expect(row).toContainText("1 unread message");
    await expect(row.locator("[data-muted]")).toBeVisible();
  }
  await expect(e.conversationLink(dana.name)).not.toContainText("(muted)");

  // The filter row: Unread, Groups, All (a toggle group, aria-pressed).
  await phone.filterChip("Unread").click();
  await expect(phone.filterChip("Unread")).toHaveAttribute("aria-pressed", "true");
  await expect(phone.filterChip("All")).toHaveAttribute("aria-pressed", "false");
  // Eli's new message and Fay's first one, which Dana has not opened.
  await expect(rows(phone)).toHaveCount(2);
  await expect(phone.conversationLink(eli.name)).toBeVisible();
  await expect(phone.conversationLink(fay.name)).toBeVisible();
  await phone.filterChip("Groups").click();
  await expect(rows(phone)).toHaveCount(1);
  await expect(phone.conversationLink(group)).toBeVisible();
  await phone.filterChip("All").click();
  await expect(rows(phone)).toHaveCount(3);

  // Archive the pinned chat with Fay: it leaves the list (and its pin) on both devices.
  await laptop.runChatAction(fay.name, "Archive chat");
  const archivedEntry = (app: ChatApp) => app.page.getByRole("button", { name: /^Archived/ });
  for (const app of [laptop, phone]) {
    await expect(app.conversationLink(fay.name)).toBeHidden();
    await expect(archivedEntry(app)).toContainText("1 chat");
  }
  await phone.page.getByRole("button", { name: /^Archived/ }).click();
  await expect(phone.page.getByRole("navigation", { name: "Archived conversations" })).toBeVisible();
  await expect(phone.conversationLink(fay.name)).toBeVisible();
  await expect(phone.conversationLink(fay.name)).not.toContainText("(pinned)");
  await phone.page.getByRole("button", { name: "Back to all chats" }).click();

  // Fay writes: the chat comes back on both devices, the Archived entry goes.
  await f.postViaApi(withFay, "Still on for Friday?");
  for (const app of [laptop, phone]) {
    await expect(app.conversationLink(fay.name)).toContainText("Still on for Friday?");
    await expect(archivedEntry(app)).toBeHidden();
  }

  // A muted chat stays archived when a message arrives.
  await phone.runChatAction(eli.name, "Archive chat");
  await expect(archivedEntry(laptop)).toContainText("1 chat");
  await e.postViaApi(withEli, "Ping?");
  await expect(e.conversationLink(dana.name)).toContainText("Ping?");
  await laptop.page.waitForTimeout(500);
  await expect(laptop.conversationLink(eli.name)).toBeHidden();
  await expect(archivedEntry(laptop)).toContainText("1 chat");

  // Stored on the server: after a reload the Archived folder still holds it, muted, with its unread count.
  await laptop.page.reload();
  await expect(archivedEntry(laptop)).toContainText("1 chat");
  await archivedEntry(laptop).click();
  const archivedEli = laptop.conversationLink(eli.name);
  await expect(archivedEli).toContainText("(muted)");
  await expect(archivedEli).toContainText("2 unread messages");
  // Unarchive and unmute from the folder.
  await laptop.runChatAction(eli.name, "Unarchive chat");
  await expect(laptop.page.getByText("No archived chats.")).toBeVisible();
  await laptop.page.getByRole("button", { name: "Back to all chats" }).click();
  await laptop.runChatAction(eli.name, "Unmute");
  await expect(phone.conversationLink(eli.name)).not.toContainText("(muted)");
  await expect(archivedEntry(phone)).toBeHidden();

  for (const app of [laptop, phone, e, f]) await app.close();
});
