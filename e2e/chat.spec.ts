// The Messenger UI end to end with several signed-in browser contexts (one per user) against the
// production build, the embedded database and the embedded Pusher-protocol server.
import { expect, test } from "./fixtures/two-users";
import { testImage } from "./pages/chat-fixtures";
import { ChatApp } from "./pages/chat-app";
import { newUser, registerViaApi } from "./support/users";

test("direct chat: text and image arrive live, unread badge, full-size viewer, Seen", async ({
  alice: a,
  bob: b,
  users: { alice, bob },
}) => {
  await a.openConversation(bob.name);
  await expect(a.page.getByRole("main").getByText("No messages yet", { exact: true })).toBeVisible();
  await a.send("Hello Bob, it's Alice!");
  await expect(a.message("Hello Bob, it's Alice!")).toBeVisible();

  // Bob: the message shows in his list without a reload, with an unread badge.
  const row = b.conversationLink(alice.name);
  await expect(row).toBeVisible();
  await expect(row).toContainText("Hello Bob, it's Alice!");
  await expect(row).toContainText("1 unread message");

  await a.attachImage(await testImage("sunset.png"));
  await a.sendButton.click();
  await expect(a.image("you")).toBeVisible();
  await expect(row).toContainText("2 unread messages");
  await expect(row).toContainText("Photo");

  await b.openConversation(alice.name);
  await expect(b.message("Hello Bob, it's Alice!")).toBeVisible();
  await expect(b.image(alice.name)).toBeVisible();
  await expect(b.conversationLink(alice.name)).not.toContainText("unread");

  // The full-size viewer opens from the image and closes with Escape.
  await b.page.getByRole("button", { name: `Image from ${alice.name} (open full size)` }).click();
  const viewer = b.page.getByRole("dialog", { name: `Image from ${alice.name}` });
  await expect(viewer).toBeVisible();
  await expect(viewer.getByRole("img", { name: `Image from ${alice.name}` })).toBeVisible();
  await b.page.keyboard.press("Escape");
  await expect(viewer).toBeHidden();

  // Alice sees that Bob has seen her latest message.
  await expect(a.log.getByText("Seen", { exact: true })).toBeVisible();
  await expect(a.log.getByText(`by ${bob.name}`)).toHaveCount(1);

  // Bob answers; each message is shown exactly once on both sides.
  await b.send("Hi Alice 👋");
  await expect(a.message("Hi Alice 👋")).toBeVisible();
  await expect(a.message("Hello Bob, it's Alice!")).toHaveCount(1);
  await expect(b.message("Hi Alice 👋")).toHaveCount(1);
});

test("group with three users: create, deliver live, reply with sender names", async ({ browser, request, baseURL }) => {
  const [ann, ben, cat] = await Promise.all([
    registerViaApi(request, baseURL!, newUser("ann")),
    registerViaApi(request, baseURL!, newUser("ben")),
    registerViaApi(request, baseURL!, newUser("cat")),
  ]);
  const a = await ChatApp.signedIn(browser, ann);
  const b = await ChatApp.signedIn(browser, ben);
  const c = await ChatApp.signedIn(browser, cat);

  await a.createGroup("Weekend plans", [ben, cat]);
  await expect(a.page.getByText("3 members")).toBeVisible();
  await a.send("Hike on Saturday?");

  for (const member of [b, c]) {
    const row = member.conversationLink("Weekend plans");
    await expect(row).toContainText("Hike on Saturday?");
    await expect(row).toContainText("1 unread message");
  }
  await b.openConversation("Weekend plans");
  await c.openConversation("Weekend plans");
  await expect(b.message("Hike on Saturday?")).toBeVisible();

  await c.send("I'm in!");
  await expect(a.message("I'm in!")).toBeVisible();
  await expect(b.message("I'm in!")).toBeVisible();
  // Group bubbles carry the sender's name.
  await expect(a.log.getByRole("listitem").filter({ hasText: "I'm in!" }).getByText(cat.name, { exact: true })).toBeVisible();
  // Read receipts: each member's avatar sits under the newest message from others they have seen.
  const reply = a.log.getByRole("listitem").filter({ hasText: "I'm in!" });
  await expect(reply.getByText("Seen by", { exact: true })).toBeVisible();
  await expect(reply).toContainText(ben.name);
  const question = a.log.getByRole("listitem").filter({ hasText: "Hike on Saturday?" });
  await expect(question.getByText("Seen by", { exact: true })).toBeVisible();
  await expect(question).toContainText(cat.name);

  await Promise.all([a.close(), b.close(), c.close()]);
});

test("typing indicator shows while the other person types", async ({ alice: a, bob: b, users: { alice, bob } }) => {
  await a.openConversation(bob.name);
  await a.send("ping");
  await b.openConversation(alice.name);
  await expect(b.page.getByText("Active now")).toBeVisible();

  await a.composer.pressSequentially("I am typing a long", { delay: 30 });
  const typing = b.page.getByRole("heading", { name: alice.name, level: 2 }).locator("xpath=../following-sibling::p");
  await expect(typing).toHaveText("typing…");
  await expect(b.conversationLink(alice.name)).toContainText("typing…");
  await a.composer.press("Enter");
  await expect(b.message("I am typing a long")).toBeVisible();
  await expect(typing).toHaveText("Active now");
});

test("optimistic send: a network cut queues the message and it goes out once by itself; a refusal shows failed — retry, and retry delivers exactly once", async ({
  alice: a,
  bob: b,
  users: { alice, bob },
}) => {
  await a.openConversation(bob.name);
  await a.send("first");
  await b.openConversation(alice.name);
  await expect(b.message("first")).toBeVisible();

  // Cut the network for sends only (the browser still says online): queued with a clock, no toast,
  // sent again by itself (lib/client/send: retry after a growing delay) once the network is back.
  await a.page.route("**/api/conversations/*/messages", (route) =>
    route.request().method() === "POST" ? route.abort("internetdisconnected") : route.continue(),
  );
  await a.send("Anyone home?");
  await expect(a.messageRow("Anyone home?").getByRole("img", { name: "Waiting to send" })).toBeVisible();
  await expect(a.log.getByText("Failed —")).toHaveCount(0);
  await expect(a.page.getByText(/Message not sent/)).toHaveCount(0);
  await a.page.unroute("**/api/conversations/*/messages");
  await expect(b.message("Anyone home?")).toBeVisible({ timeout: 30_000 });
  await expect(a.messageRow("Anyone home?").getByRole("img", { name: "Waiting to send" })).toHaveCount(0);

  // The server refuses the send: failed — retry (and a toast); Retry sends it with the same id.
  const accept = await a.refuseSends(429, "Too many messages. Try again in 1 second.");
  await a.send("Are you there?");
  await expect(a.message("Are you there?")).toBeVisible();
  await expect(a.log.getByText("Failed —")).toBeVisible();
  await expect(a.page.getByText(/Message not sent/)).toBeVisible(); // toast
  await expect(b.message("Are you there?")).toHaveCount(0);

  await accept();
  await a.log.getByRole("button", { name: "Retry" }).click();
  await expect(a.log.getByText("Failed —")).toHaveCount(0);
  await expect(b.message("Are you there?")).toBeVisible();
  await expect(a.message("Are you there?")).toHaveCount(1);
  await expect(b.message("Are you there?")).toHaveCount(1);
  await expect(b.message("Anyone home?")).toHaveCount(1);

  // After a reload (the server's truth) it is still there once.
  await a.page.reload();
  await expect(a.message("Are you there?")).toHaveCount(1);
  await b.page.reload();
  await expect(b.message("Are you there?")).toHaveCount(1);
});
