// Delivery receipts (lib/chat/receipts) in the sender's view: one tick while the other person is
// offline, two ticks once their client comes online (it reports delivery without opening the chat),
// blue once they open it; the message info panel lists their delivered and read times (axe-clean).
// Also: links and formatting in message text render as safe elements.
import { expect, test } from "@playwright/test";
import { ChatApp } from "./pages/chat-app";
import { expectNoSeriousViolations } from "./support/axe";
import { newUser, registerViaApi } from "./support/users";

test("one tick, two ticks when Bob comes online, blue when he opens the chat; message info per member", async ({
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const alice = await registerViaApi(request, baseURL!, newUser("alice"));
  const bob = await registerViaApi(request, baseURL!, newUser("bob"));
  const a = await ChatApp.signedIn(browser, alice);

  // Bob is offline: stored, one tick.
  await a.startChatWith(bob);
  await a.send("Are you there?");
  const ticks = a.log.getByRole("button", { name: /^Message info/ });
  await expect(ticks).toHaveAccessibleName("Message info (Sent)");

  // Bob comes online on the chat list, without opening the chat: delivered.
  const b = await ChatApp.signedIn(browser, bob);
  await expect(b.conversationLink(alice.name)).toContainText("Are you there?");
  await expect(ticks).toHaveAccessibleName("Message info (Delivered)");

  // The info panel: delivered, not read yet.
  await ticks.click();
  const info = a.page.getByRole("dialog", { name: "Message info" });
  await expect(info).toBeVisible();
  const bobRow = info.getByRole("listitem", { name: bob.name });
  await expect(bobRow).toContainText("Not read yet");
  await expect(bobRow).toContainText(/Delivered .+ at /);
  await info.getByRole("button", { name: "Close" }).click();
  await expect(info).toBeHidden();
  await expect(ticks).toBeFocused();

  // Bob opens the chat: read (blue), and the panel dates it; it passes an axe scan.
  await b.openConversation(alice.name);
  await expect(b.message("Are you there?")).toBeVisible();
  await expect(ticks).toHaveAccessibleName("Message info (Read)");
  await ticks.click();
  await expect(bobRow).toContainText(/Read .+ at /);
  await expect(bobRow).toContainText(/Delivered .+ at /);
  await expectNoSeriousViolations(a.page, "message info", '[role="dialog"]');
  await a.page.keyboard.press("Escape");

  // Receipts survive a reload (they are stored, not only shown).
  await a.page.reload();
  await expect(a.log.getByRole("button", { name: /^Message info/ })).toHaveAccessibleName("Message info (Read)");

  // Bob's own messages have no receipt button in Alice's view; a new one of Alice's goes straight to
  // read while Bob has the chat open.
  await b.send("Yes, here");
  await expect(a.message("Yes, here")).toBeVisible();
  await a.send("Great");
  await expect(a.log.getByRole("button", { name: /^Message info/ })).toHaveCount(2);
  await expect(a.log.getByRole("button", { name: /^Message info/ }).last()).toHaveAccessibleName("Message info (Read)");

  await a.close();
  await b.close();
});

test("links and formatting render as safe elements, never as HTML", async ({ browser, request, baseURL }) => {
  test.setTimeout(180_000);
  const alice = await registerViaApi(request, baseURL!, newUser("alice"));
  const bob = await registerViaApi(request, baseURL!, newUser("bob"));
  const a = await ChatApp.signedIn(browser, alice);
  const b = await ChatApp.signedIn(browser, bob);
  await a.startChatWith(bob);
  await a.send("Read *this* at https://example.com/docs, not javascript:alert(1) <b>x</b> and `npm ci`");
  await b.openConversation(alice.name);

  const link = b.log.getByRole("link", { name: "https://example.com/docs" });
  await expect(link).toHaveAttribute("href", "https://example.com/docs");
  await expect(link).toHaveAttribute("target", "_blank");
  await expect(link).toHaveAttribute("rel", "noopener noreferrer nofollow");
  await expect(b.log.locator("strong", { hasText: "this" })).toBeVisible();
  await expect(b.log.locator("code", { hasText: "npm ci" })).toBeVisible();
  // The rest is text: no other link, no <b> element.
  await expect(b.log.getByRole("link")).toHaveCount(1);
  await expect(b.log.locator("b")).toHaveCount(0);
  await expect(b.log.getByText("not javascript:alert(1) <b>x</b> and", { exact: false })).toBeVisible();

  await a.close();
  await b.close();
});
