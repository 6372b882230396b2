// Chat across two instances behind the round-robin proxy: every page load, send, channel
// authorization and "seen" lands on either instance, and the realtime tier (one standalone server)
// carries events between them. Users are seeded through the API; locators are roles and labels.
import { randomUUID } from "node:crypto";
import { expect, test } from "../e2e/fixtures/two-users";
import { ChatApp } from "../e2e/pages/chat-app";
import { newUser, registerViaApi } from "../e2e/support/users";
import { cluster, recordServedBy } from "./support/cluster";

test.beforeEach(async () => {
  await cluster.restoreAll();
});

test("two users: messages live and exactly once, Seen, typing and presence, with sends on both instances", async ({
  alice: a,
  bob: b,
  users: { alice, bob },
  conversationId,
  baseURL,
}) => {
  const sendsServedBy = recordServedBy(a.page, /\/api\/conversations\/[^/]+\/messages$/);
  await a.openConversation(bob.name);
  await b.openConversation(alice.name);

  // Presence: each sees the other online (presence channel authorized by either instance).
  await expect(a.page.getByText("Active now", { exact: true })).toBeVisible();
  await expect(b.page.getByText("Active now", { exact: true })).toBeVisible();

  // Typing: client events on the presence channel.
  await a.composer.pressSequentially("typing through the cluster", { delay: 30 });
  const typing = b.page.getByRole("heading", { name: alice.name, level: 2 }).locator("xpath=../following-sibling::p");
  await expect(typing).toHaveText("typing…");
  await a.composer.press("Enter");
  await expect(b.message("typing through the cluster")).toBeVisible();

  // Several sends through the proxy: round robin spreads them (and everything else) over both instances.
  const texts = Array.from({ length: 6 }, (_, i) => `cluster message ${i + 1}`);
  for (const text of texts) await a.send(text);
  for (const text of texts) {
    await expect(b.message(text)).toHaveCount(1);
    await expect(a.message(text)).toHaveCount(1);
  }
  test.info().annotations.push({ type: "sends served by", description: [...sendsServedBy].sort().join(", ") });
  // And one sent to each instance directly, with Alice's session: whichever instance stores it, Bob's
  // page (served and authorized by either) receives it live, once.
  for (const instance of (await cluster.state()).instances) {
    const text = `sent to instance ${instance.port}`;
    const response = await a.page.request.post(`${instance.url}/api/conversations/${conversationId}/messages`, {
      data: { id: randomUUID(), body: text },
      headers: { Origin: baseURL! },
    });
    expect(response.status(), await response.text()).toBe(201);
    texts.push(text);
    await expect(b.message(text)).toHaveCount(1);
    await expect(a.message(text)).toHaveCount(1);
  }

  // Seen: Bob has the conversation open, so Alice's newest message is marked seen.
  await expect(a.log.getByText("Seen", { exact: true })).toBeVisible();

  await b.send("reply from Bob");
  await expect(a.message("reply from Bob")).toHaveCount(1);

  // After a reload (served by whichever instance is next), the history is the same, once each.
  await b.page.reload();
  for (const text of [...texts, "reply from Bob"]) await expect(b.message(text)).toHaveCount(1);
});

test("three users in a group: every message reaches the other two exactly once", async ({ browser, request, baseURL }) => {
  const [ann, ben, cat] = await Promise.all([
    registerViaApi(request, baseURL!, newUser("ann")),
    registerViaApi(request, baseURL!, newUser("ben")),
    registerViaApi(request, baseURL!, newUser("cat")),
  ]);
  const a = await ChatApp.signedIn(browser, ann);
  const b = await ChatApp.signedIn(browser, ben);
  const c = await ChatApp.signedIn(browser, cat);

  await a.createGroup("Scale crew", [ben, cat]);
  await b.openConversation("Scale crew");
  await c.openConversation("Scale crew");
  const lines = [
    [a, "ann: one"],
    [b, "ben: two"],
    [c, "cat: three"],
    [a, "ann: four"],
  ] as const;
  for (const [app, text] of lines) await app.send(text);
  for (const app of [a, b, c]) for (const [, text] of lines) await expect(app.message(text)).toHaveCount(1);
  await Promise.all([a.close(), b.close(), c.close()]);
});
