// Notifications (issue 16) in Chromium with two users: the unread total in Bob's title and favicon
// follows Alice's messages; the permission is asked only when Bob clicks the in-app prompt (never on
// page load); while Bob's tab is hidden a browser notification names the sender and the message,
// one per chat (tag). The service worker shows a Web Push (fired through the DevTools protocol,
// ServiceWorker.deliverPushMessage) as a notification, and the manifest plus service worker pass
// Chromium's installability checks (Page.getInstallabilityErrors).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { expect, test } from "./fixtures/two-users";
import { systemChromium } from "./support/system-chromium";

/** Counts permission requests and records every page notification, from before the page's own scripts. */
const instrument = () => {
  const w = window as unknown as { __asks: number; __shown: { title: string; body?: string; tag?: string }[] };
  w.__asks = 0;
  w.__shown = [];
  const Real = window.Notification;
  const original = Real.requestPermission.bind(Real);
  Real.requestPermission = (...args: Parameters<typeof Real.requestPermission>) => {
    w.__asks += 1;
    return original(...args);
  };
  class Recorded extends Real {
    constructor(title: string, options?: NotificationOptions) {
      w.__shown.push({ title, body: options?.body, tag: options?.tag });
      super(title, options);
    }
  }
  window.Notification = Recorded as typeof Notification;
};

test("title and favicon count unread, permission only on click, a notification while hidden", async ({
  alice,
  bob,
  users,
  conversationId,
}) => {
  // Alice is not in Bob's contacts: her chat is a message request, silent until Bob accepts it.
  await bob.answerRequestViaApi(conversationId, "accept");
  await bob.page.addInitScript(instrument);
  await bob.page.reload();
  const prompt = bob.page.getByRole("region", { name: "Notifications" });
  await expect(prompt.getByRole("button", { name: "Turn on notifications" })).toBeVisible();
  await bob.page.waitForTimeout(500);
  expect(await bob.page.evaluate(() => (window as unknown as { __asks: number }).__asks)).toBe(0); // not on page load

  await bob.page.context().grantPermissions(["notifications"]);
  await prompt.getByRole("button", { name: "Turn on notifications" }).click();
  await expect(prompt).toBeHidden();
  expect(await bob.page.evaluate(() => (window as unknown as { __asks: number }).__asks)).toBe(1);

  await alice.openConversation(users.bob.name);
  await alice.send("first");
  await expect(bob.page).toHaveTitle(/^\(1\) /);
  await alice.send("second");
  await expect(bob.page).toHaveTitle(/^\(2\) .*Parley$/);
  await expect(bob.page.locator('link[rel~="icon"][data-parley-count="2"]').first()).toBeAttached();
  expect(await bob.page.locator('link[rel~="icon"]').first().getAttribute("href")).toMatch(/^data:image\/png;base64,/);

  // Bob's tab goes to the background: the next message is a browser notification (sender, preview, tag per chat).
  await bob.page.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true });
    document.dispatchEvent(new Event("visibilitychange"));
  });
  await alice.send("are you there?");
  await expect
    .poll(() => bob.page.evaluate(() => (window as unknown as { __shown: unknown[] }).__shown))
    .toEqual([{ title: users.alice.name, body: "are you there?", tag: `parley-chat-${conversationId}` }]);
  await expect(bob.page).toHaveTitle(/^\(3\) /);

  // Back in front, Bob opens the chat: nothing unread, the title and favicon lose their count.
  await bob.page.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { value: "visible", configurable: true });
    document.dispatchEvent(new Event("visibilitychange"));
  });
  await bob.openConversation(users.alice.name);
  await expect(bob.page).not.toHaveTitle(/^\(\d+\) /);
  await expect(bob.page.locator('link[rel~="icon"][data-parley-count]')).toHaveCount(0);
});

/**
 * Delivers a Web Push payload to the page's service worker through the DevTools protocol
 * (ServiceWorker.deliverPushMessage), as a push service would.
 */
async function pushDelivery(page: Page, baseURL: string): Promise<(data: object) => Promise<void>> {
  const cdp = await page.context().newCDPSession(page);
  const registrationId = new Promise<string>((resolve) => {
    cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
      const active = registrations.find((r) => r.scopeURL === `${baseURL}/` && !r.isDeleted);
      if (active) resolve(active.registrationId);
    });
  });
  await cdp.send("ServiceWorker.enable");
  return async (data) => {
    await cdp.send("ServiceWorker.deliverPushMessage", {
      origin: baseURL,
      registrationId: await registrationId,
      data: JSON.stringify(data),
    });
  };
}

test("the service worker shows a pushed message, one notification per chat", async ({ bob, users, conversationId, baseURL }) => {
  const context = bob.page.context();
  await context.grantPermissions(["notifications"]);
  await bob.page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  const deliverPush = await pushDelivery(bob.page, baseURL!);
  const payload = {
    v: 1,
    conversationId,
    messageId: "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
    title: users.alice.name,
    body: "pushed while away",
    tag: `parley-chat-${conversationId}`,
    url: `/chat/${conversationId}`,
  };
  await deliverPush(payload);
  const shown = () =>
    bob.page.evaluate(async () =>
      (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag })),
    );
  await expect.poll(shown).toEqual([{ title: users.alice.name, body: "pushed while away", tag: `parley-chat-${conversationId}` }]);
  // A second push of the same chat replaces the first (one notification per chat).
  await deliverPush({ ...payload, body: "and again" });
  await expect.poll(shown).toEqual([{ title: users.alice.name, body: "and again", tag: `parley-chat-${conversationId}` }]);
});

test("a notification's Reply answers and marks read; Mark as read; a click opens the chat", async ({
  alice,
  bob,
  users,
  conversationId,
  baseURL,
}) => {
  const context = bob.page.context();
  await context.grantPermissions(["notifications"]);
  await bob.page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  const worker = context.serviceWorkers().find((w) => w.url().startsWith(baseURL!)) ?? (await context.waitForEvent("serviceworker"));
  const deliverPush = await pushDelivery(bob.page, baseURL!);
  const push = async (messageId: string, body: string) => {
    const data = {
      v: 1,
      conversationId,
      messageId,
      title: users.alice.name,
      body,
      tag: `parley-chat-${conversationId}`,
      url: `/chat/${conversationId}`,
    };
    await deliverPush(data);
    await expect
      .poll(() => worker.evaluate(async () => (await (self as unknown as SwScope).registration.getNotifications()).map((n) => n.body)))
      .toEqual([body]);
  };
  // Evaluated in the service worker (its global is a ServiceWorkerGlobalScope).
  type SwScope = { registration: ServiceWorkerRegistration; parleyNotificationClick: (e: object) => Promise<unknown> };
  // No browser API clicks a system notification: the worker's own click handler is called with it.
  const click = (action: string, reply?: string) =>
    worker.evaluate(
      async ([action, reply]) => {
        const scope = self as unknown as SwScope;
        const [notification] = await scope.registration.getNotifications();
        await scope.parleyNotificationClick({ notification, action, reply });
      },
      [action, reply] as const,
    );
  const seenByBob = async (messageId: string) => {
    const response = await alice.page.request.get(`/api/conversations/${conversationId}/messages`);
    const { messages } = (await response.json()) as { messages: { id: string; seenBy: { id: string }[] }[] };
    return messages.find((m) => m.id === messageId)?.seenBy.some((u) => u.id === users.bob.id) ?? false;
  };

  // Reply typed in the notification: Alice gets it live, her message is read, the notification is gone.
  const first = await alice.postViaApi(conversationId, "are you coming?");
  await push(first, "are you coming?");
  await click("reply", "  on my way  ");
  await alice.openConversation(users.bob.name);
  await expect(alice.message("on my way")).toBeVisible();
  await expect.poll(() => seenByBob(first)).toBe(true);
  expect(await worker.evaluate(async () => (await (self as unknown as SwScope).registration.getNotifications()).length)).toBe(0);

  // Mark as read.
  const second = await alice.postViaApi(conversationId, "see you at 8");
  await push(second, "see you at 8");
  await click("read");
  await expect.poll(() => seenByBob(second)).toBe(true);

  // A click (or Reply with no text field) opens the chat in Bob's open tab.
  const third = await alice.postViaApi(conversationId, "where are you?");
  await push(third, "where are you?");
  await expect(bob.page).not.toHaveURL(new RegExp(`/chat/${conversationId}`));
  await click("");
  await expect(bob.page).toHaveURL(new RegExp(`/chat/${conversationId}$`));
  await expect(bob.message("where are you?")).toBeVisible();
});

// Chromium refuses to install from an incognito profile (every Playwright browser context is one):
// the installability check runs in a persistent profile.
test("the manifest and service worker pass Chromium's installability checks", async ({ baseURL }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-install-"));
  const context = await chromium.launchPersistentContext(dir, { ...systemChromium().launchOptions, headless: true });
  try {
    const page = await context.newPage();
    await page.goto(`${baseURL}/sign-in`);
    const manifest = await page.request.get("/manifest.webmanifest");
    expect(await manifest.json()).toMatchObject({ name: "Parley", short_name: "Parley", display: "standalone", start_url: "/chat" });
    // The service worker the chat app registers after hydration (components/notifications/attention.tsx).
    await page.evaluate(async () => {
      await navigator.serviceWorker.register("/sw.js", { scope: "/" });
      await navigator.serviceWorker.ready;
    });
    const cdp = await context.newCDPSession(page);
    await expect.poll(async () => (await cdp.send("Page.getInstallabilityErrors")).installabilityErrors).toEqual([]);
  } finally {
    await context.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
