// An app that survives bad networks (issue 16), in Chromium with two users: with Alice's browser
// offline (context.setOffline) three messages she types show as queued (clock, "Waiting to send"),
// survive a reload (the service worker opens the stored chat page offline) and, once she is back
// online, reach Bob once each and in order without a click; while she is offline her header shows
// "Connecting…", never a stale "Active now". A message the server refuses keeps the manual Retry,
// and sign-out wipes the stored pages and unsent messages, so the next account on the same browser
// finds nothing of hers.
import type { Page } from "@playwright/test";
import { SignInPage } from "./pages/sign-in-page";
import { expect, test } from "./fixtures/two-users";

/** The service worker controls the page and has stored it (lib/client/offline-data keepPageOffline). */
async function keptForOffline(page: Page) {
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker?.controller !== null && navigator.serviceWorker?.controller !== undefined), {
      timeout: 30_000,
    })
    .toBe(true);
  await expect
    .poll(() => page.evaluate(async () => (await caches.match(location.href.split("#")[0]!, { ignoreVary: true })) !== undefined), {
      timeout: 30_000,
    })
    .toBe(true);
}

const queued = (page: Page) => page.getByRole("log", { name: "Messages" }).getByRole("img", { name: "Waiting to send" });

test("messages written offline are queued, survive an offline reload and reach the other person once each, in order", async ({
  alice,
  bob,
  users,
  conversationId,
}) => {
  test.setTimeout(150_000);
  await bob.openConversation(users.alice.name);
  await alice.openConversation(users.bob.name);
  await expect(alice.page.getByText("Active now", { exact: true })).toBeVisible();
  await keptForOffline(alice.page);

  const context = alice.page.context();
  await context.setOffline(true);
  // Chromium's emulated offline (what navigator.onLine and the online event follow) has let a send
  // from the freshly reloaded page through on a loaded machine; a network that is really down
  // answers no send, so sends are also cut where the page makes them until she is back online.
  let sendsWhileOffline = 0;
  const cutSends = "**/api/conversations/*/messages";
  await alice.page.route(cutSends, (route) => {
    if (route.request().method() !== "POST") return route.continue();
    sendsWhileOffline += 1;
    return route.abort("internetdisconnected");
  });
  // Presence is unknown while disconnected: no stale "Active now".
  await expect(alice.page.getByText("Connecting…", { exact: true })).toBeVisible();
  await expect(alice.page.getByText("Active now", { exact: true })).toHaveCount(0);

  const texts = ["Offline one", "Offline two", "Offline three"];
  for (const text of texts) await alice.send(text);
  for (const text of texts) await expect(alice.messageRow(text).getByRole("img", { name: "Waiting to send" })).toBeVisible();
  // No error toast or Retry for a message that only waits for the network.
  await expect(alice.log.getByRole("button", { name: "Retry" })).toHaveCount(0);

  // A reload while offline: the stored page opens, the queue is still there.
  await alice.page.reload();
  await expect(alice.conversationHeading(users.bob.name)).toBeVisible();
  for (const text of texts) await expect(alice.messageRow(text).getByRole("img", { name: "Waiting to send" })).toBeVisible();
  await expect(alice.page.getByText("Active now", { exact: true })).toHaveCount(0);
  await expect(bob.message(texts[0]!)).toHaveCount(0);
  test.info().annotations.push({ type: "sends tried while offline", description: String(sendsWhileOffline) });

  // Back online: sent without a click, in order, once each.
  await alice.page.unroute(cutSends);
  await context.setOffline(false);
  for (const text of texts) await expect(bob.message(text)).toBeVisible({ timeout: 30_000 });
  await expect(queued(alice.page)).toHaveCount(0, { timeout: 30_000 });
  await expect(alice.page.getByText("Active now", { exact: true })).toBeVisible({ timeout: 30_000 });

  const shown = await bob.log.getByText(/^Offline (one|two|three)$/).allTextContents();
  expect(shown).toEqual(texts);
  const response = await bob.page.request.get(`/api/conversations/${conversationId}/messages`);
  expect(response.status()).toBe(200);
  const { messages } = (await response.json()) as { messages: { body: string | null }[] };
  // Newest first from the API: each exactly once, in the order typed.
  expect(
    messages
      .map((m) => m.body)
      .filter((body) => texts.includes(body ?? ""))
      .reverse(),
  ).toEqual(texts);
  // Nothing is left in Alice's outbox.
  expect(await alice.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("parley:outbox:")))).toEqual([]);
});

test("a refused message keeps Retry; sign-out wipes stored chats and unsent messages before the next account signs in", async ({
  alice,
  users,
}) => {
  test.setTimeout(120_000);
  await alice.openConversation(users.bob.name);
  await keptForOffline(alice.page);

  // The server refuses the message (a 403 stands in for a block): failed with Retry, not queued.
  const accept = await alice.refuseSends(403, "You cannot message this person.");
  await alice.send("Refused one");
  const row = alice.messageRow("Refused one");
  await expect(row.getByRole("button", { name: "Retry" })).toBeVisible();
  await expect(row.getByRole("img", { name: "Waiting to send" })).toHaveCount(0);
  // Kept (as failed) across a reload, so the text is not lost.
  await alice.page.reload();
  await expect(alice.messageRow("Refused one").getByRole("button", { name: "Retry" })).toBeVisible();
  await accept();
  const stored = () =>
    alice.page.evaluate(async () => ({
      outboxes: Object.keys(localStorage).filter((k) => k.startsWith("parley:outbox:")).length,
      pages: (await caches.has("parley-data-v1")) ? (await (await caches.open("parley-data-v1")).keys()).length : 0,
    }));
  const before = await stored();
  expect(before.outboxes).toBe(1);
  expect(before.pages).toBeGreaterThan(0);

  await alice.page.getByRole("button", { name: "Sign out" }).click();
  await expect(alice.page).toHaveURL(/\/sign-in/);
  expect(await stored()).toEqual({ outboxes: 0, pages: 0 });

  // Bob signs in on the same browser: nothing of Alice's chat shows, offline or not.
  const signIn = new SignInPage(alice.page);
  await signIn.signIn(users.bob.email, users.bob.password);
  await expect(alice.page).toHaveURL(/\/chat$/);
  await expect(alice.page.getByText("Refused one")).toHaveCount(0);
});
