// Parley's service worker (issue 16): shows Web Push notifications (one per chat: the tag makes a
// new one replace the previous), opens or focuses the chat on a click, answers from the
// notification's "Reply" action (typed in the notification where the browser has inline replies;
// elsewhere Reply opens the chat) and marks it read from "Mark as read", and keeps the app openable
// offline. Plain JavaScript served from public/.
//
// Offline (fetch handler; the page side is lib/client/offline-data.ts, same cache names):
// - SHELL_CACHE: Next's build files (/_next/static/*: content-hashed, never user data) and the
//   icons, cache first. The page adds the files it loaded before this worker controlled it.
// - DATA_CACHE: the signed-in user's own pages (/chat, /chat/<id>: the HTML as served, WITH its
//   headers) and API reads (the chat list, message pages), network first: the network answer is
//   used and stored, the stored one only when the network fails. One user at a time: the page
//   wipes it when another account signs in on this browser, and at sign-out; this worker wipes it
//   when a chat page answers with a redirect (signed out elsewhere), and stores only while the page
//   has recorded an owner (META_CACHE; sign-out deletes it first), so an answer still on its way at
//   sign-out is not kept. Never POSTs, never uploads or attachment downloads (/api/uploads), never
//   another path of the API.
// - The CSP nonce: pages get a fresh nonce per request (proxy.ts). A stored page is served with the
//   Content-Security-Policy header it was served with, whose nonce is the one in its inline scripts,
//   so the stored shell runs; an old nonce protects nothing new (the page and its scripts are the
//   ones the server sent then), and a nonce is never reused for a page the server renders now.
/* global self, caches */

const SHELL_CACHE = "parley-shell-v1";
const DATA_CACHE = "parley-data-v1";
const META_CACHE = "parley-meta-v1";
const OWNER_KEY = "/__parley/offline-owner";
const KNOWN_CACHES = [SHELL_CACHE, DATA_CACHE, META_CACHE];
const CHAT_PAGE = /^\/chat(\/[^/]+)?\/?$/;
const CACHED_API = /^\/api\/conversations(\/[^/]+(\/messages)?)?$/;
const SHELL_FILE = /^\/(_next\/static\/|icon-[^/]+\.png$|favicon\.ico$|manifest\.webmanifest$)/;

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) =>
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith("parley-") && !KNOWN_CACHES.includes(n)).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  ),
);

const storable = (response) => response && response.ok && response.type === "basic" && !response.redirected;

/** Someone's data may be stored: the page records the signed-in owner, and sign-out deletes it first. */
const hasOwner = async () => (await caches.has(META_CACHE)) && (await (await caches.open(META_CACHE)).match(OWNER_KEY)) !== undefined;

async function cacheFirst(request) {
  const cache = await caches.open(SHELL_CACHE);
  const held = await cache.match(request);
  if (held) return held;
  const response = await fetch(request);
  if (storable(response)) await cache.put(request, response.clone());
  return response;
}

const OFFLINE_PAGE = `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Parley — offline</title><body style="font-family:system-ui;padding:2rem"><h1>You are offline</h1>
<p>This page was not opened on this device before. Your chats open at <a href="/chat">/chat</a>.</p></body></html>`;

async function networkFirst(request, { page }) {
  const cache = await caches.open(DATA_CACHE);
  const key = new URL(request.url);
  key.hash = "";
  try {
    const response = await fetch(request);
    if (page && (response.type === "opaqueredirect" || response.redirected)) {
      // Not signed in any more (the proxy sends chat pages to sign-in): nobody's chats stay here.
      await caches.delete(DATA_CACHE);
    } else if (storable(response) && (await hasOwner())) {
      await cache.put(key.href, response.clone());
      // Signed out while this was on its way (the page wipes the owner, then the data): keep nothing.
      if (!(await hasOwner())) await caches.delete(DATA_CACHE);
    }
    return response;
  } catch (error) {
    const held = await cache.match(key.href, { ignoreVary: true });
    if (held) return held;
    if (page) return new Response(OFFLINE_PAGE, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    if (CHAT_PAGE.test(url.pathname)) event.respondWith(networkFirst(request, { page: true }));
    return;
  }
  // Next's client navigations (RSC payloads) and prefetches: network only (offline, Next falls back
  // to a full page load, which the stored page answers).
  if (request.headers.get("RSC") || url.searchParams.has("_rsc")) return;
  if (SHELL_FILE.test(url.pathname)) event.respondWith(cacheFirst(request));
  // Only the first pages (no cursor): what opening the list or a chat reads; a cursor's pages are not kept.
  else if (CACHED_API.test(url.pathname) && url.search === "") event.respondWith(networkFirst(request, { page: false }));
});

self.addEventListener("push", (event) => {
  let data = null;
  try {
    data = event.data ? event.data.json() : null;
  } catch {
    data = null;
  }
  if (!data || data.v !== 1 || typeof data.title !== "string") return;
  event.waitUntil(
    self.registration.showNotification(data.title, {
      body: data.body,
      tag: data.tag,
      renotify: true,
      icon: "/icon-192.png",
      badge: "/icon-192.png",
      data: { url: data.url, conversationId: data.conversationId, messageId: data.messageId },
      // type/placeholder: an inline text field where the browser has one (event.reply).
      actions: [
        { action: "reply", type: "text", title: "Reply", placeholder: "Write a reply" },
        { action: "read", title: "Mark as read" },
      ],
    }),
  );
});

async function openChat(url) {
  const target = new URL(url || "/chat", self.location.origin).href;
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const open = windows.find((client) => new URL(client.url).origin === self.location.origin);
  if (open) {
    // The page navigates in-app (no reload): components/notifications/attention.tsx listens.
    open.postMessage({ type: "parley:open", url: new URL(target).pathname });
    // focus() needs the click's activation: refused without it (a test calling the handler), the chat is open anyway.
    return open.focus().catch(() => open);
  }
  return self.clients.openWindow(target);
}

const OBJECT_ID = /^[0-9a-f]{24}$/i;
const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

/** A new message id of the same kind as `like` (lib/chat/kernel/ids.ts: ObjectId on MongoDB, else UUIDv7). */
function newMessageIdLike(like) {
  const now = Date.now();
  if (OBJECT_ID.test(like)) return Math.floor(now / 1000).toString(16).padStart(8, "0") + hex(crypto.getRandomValues(new Uint8Array(8)));
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let ms = now;
  for (let i = 5; i >= 0; i -= 1) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const h = hex(bytes);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const postJson = (path, body) =>
  fetch(path, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(body),
  });

const markRead = (conversationId, messageId) =>
  postJson(`/api/conversations/${encodeURIComponent(conversationId)}/seen`, { messageId }).catch(() => undefined);

/**
 * Sends `text` to the chat, then marks the notified message read (answering means having read it).
 * Refused or offline: a notification keeps the words (nothing typed is lost) and opens the chat.
 */
async function sendReply(conversationId, messageId, text, url) {
  let refusal = null;
  try {
    const response = await postJson(`/api/conversations/${encodeURIComponent(conversationId)}/messages`, {
      id: newMessageIdLike(messageId),
      body: text,
    });
    if (response.ok) return markRead(conversationId, messageId);
    const answer = await response.json().catch(() => null);
    refusal = answer && answer.error ? answer.error.message : null;
  } catch {
    refusal = null;
  }
  await self.registration.showNotification("Your reply was not sent", {
    body: `${typeof refusal === "string" ? `${refusal} ` : ""}“${text.slice(0, 200)}”`,
    tag: `parley-reply-${conversationId}`,
    icon: "/icon-192.png",
    data: { url },
  });
}

/**
 * What a click on a notification does: its action ("reply" with the typed text, "read"), else open
 * the chat. Also reachable as self.parleyNotificationClick, which the end-to-end tests call with a
 * notification from getNotifications() (no browser API clicks a system notification).
 */
function handleNotificationClick({ notification, action, reply }) {
  const { url, conversationId, messageId } = notification.data || {};
  notification.close();
  if (action === "read" && conversationId && messageId) return markRead(conversationId, messageId);
  const text = typeof reply === "string" ? reply.trim() : "";
  if (action === "reply" && conversationId && messageId && text) return sendReply(conversationId, messageId, text, url);
  // A click, or Reply where the browser has no inline reply: the chat opens.
  return openChat(url);
}
self.parleyNotificationClick = handleNotificationClick;

self.addEventListener("notificationclick", (event) => {
  event.waitUntil(handleNotificationClick({ notification: event.notification, action: event.action, reply: event.reply }));
});
