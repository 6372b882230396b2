// Message requests (issue 15, lib/chat/message-requests), with three strangers writing to Ben: their
// chats reach his list live and wait under the Requests filter (with its count); each opens with a
// banner. Accept ends it in both of his tabs at once; Decline takes the chat out of his list and the
// sender's next message does not bring it back; Block from the banner blocks the sender.
import { expect, test } from "@playwright/test";
import { ChatApp } from "./pages/chat-app";
import { newUser, registerViaApi } from "./support/users";

test("a stranger's chat is a request: the Requests filter counts it; accept (live in my other tab), decline, block", async ({
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const [ana, ben, cal, dan] = await Promise.all(["ana", "ben", "cal", "dan"].map((n) => registerViaApi(request, baseURL!, newUser(n))));
  const b = await ChatApp.signedIn(browser, ben!);
  const strangers = await Promise.all([ana!, cal!, dan!].map((user) => ChatApp.signedIn(browser, user)));
  const [a, c, d] = strangers as [ChatApp, ChatApp, ChatApp];
  const chatOf: Record<string, string> = {};
  for (const [app, user, text] of [
    [a, ana!, "Hi Ben, it's Ana from the climbing gym"],
    [c, cal!, "Buy my course"],
    [d, dan!, "Hello?"],
  ] as const) {
    chatOf[user.name] = await app.conversationViaApi({ type: "direct", userId: ben!.id });
    await app.postViaApi(chatOf[user.name]!, text);
  }

  // Live in Ben's list, and counted on the Requests filter.
  for (const user of [ana!, cal!, dan!]) await expect(b.conversationLink(user.name)).toBeVisible();
  const filters = b.page.getByRole("group", { name: "Filter chats" });
  await expect(filters.getByRole("button", { name: "Requests 3" })).toBeVisible();
  await filters.getByRole("button", { name: /^Requests/ }).click();
  for (const user of [ana!, cal!, dan!]) await expect(b.conversationLink(user.name)).toBeVisible();

  // Accept: the banner goes in this tab and in Ben's other tab on the same chat, without a reload.
  await b.openConversation(ana!.name);
  const banner = b.page.getByRole("region", { name: "Message request" });
  await expect(banner).toContainText(`${ana!.name} is not in your contacts.`);
  const otherTab = new ChatApp(await b.page.context().newPage());
  await otherTab.page.goto(`/chat/${chatOf[ana!.name]}`);
  const otherBanner = otherTab.page.getByRole("region", { name: "Message request" });
  await expect(otherBanner).toBeVisible();
  await banner.getByRole("button", { name: "Accept" }).click();
  await expect(banner).toHaveCount(0);
  await expect(otherBanner).toHaveCount(0);
  await otherTab.page.close();
  await expect(filters.getByRole("button", { name: "Requests 2" })).toBeVisible();
  await b.send("Hi Ana!");
  await a.openConversation(ben!.name);
  await expect(a.message("Hi Ana!")).toBeVisible();

  // Decline: out of Ben's list; Cal's next message does not bring it back.
  await b.openConversation(cal!.name);
  await banner.getByRole("button", { name: "Decline" }).click();
  await expect(b.page).toHaveURL(/\/chat$/);
  await expect(b.conversationLink(cal!.name)).toHaveCount(0);
  await c.postViaApi(chatOf[cal!.name]!, "Last chance: 50% off");
  await a.send("See you Thursday");
  await filters.getByRole("button", { name: "All", exact: true }).click();
  await expect(b.conversationLink(ana!.name)).toContainText("See you Thursday"); // the list has caught up…
  await expect(b.conversationLink(cal!.name)).toHaveCount(0); // …and Cal is not in it

  // Block from the banner.
  await b.openConversation(dan!.name);
  await banner.getByRole("button", { name: "Block" }).click();
  await expect(b.page.getByText("You blocked this contact.")).toBeVisible();
  await expect(banner).toHaveCount(0);
  // A blocked stranger's request no longer waits for an answer.
  await expect(filters.getByRole("button", { name: "Requests", exact: true })).toBeVisible();

  await Promise.all([a.close(), b.close(), c.close(), d.close()]);
});
