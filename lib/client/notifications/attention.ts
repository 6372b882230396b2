// Getting my attention while Parley is in a tab (issue 16, part a): the unread total in the
// document title ("(3) Chat · Parley") and on the favicon, a short sound for a new message in a
// chat that is not open, and a browser notification (Notification API) while the tab is hidden.
// Everything here reads the chat store the realtime events already keep (unread counts, previews,
// my mute): no request of its own. Muted chats count nothing and make no sound or notification.
// Loaded after hydration with the notification UI (components/notifications/attention.tsx).
import { isMuted } from "@/lib/chat/chat-list/mute";
import type { ConversationSummary } from "@/lib/chat/conversations/dto";
import { mentionsAsText } from "@/lib/chat/mentions/tokens";
import { conversationTitle, type ChatState, type ChatStore } from "@/lib/client/store";
import { notificationPermission, readPrefs } from "./prefs";

/** A chat that never draws attention: muted, or a message request not accepted yet (lib/chat/message-requests). */
const silent = (c: ConversationSummary, now: Date) => isMuted(c, now) || c.messageRequest === true;

/** The unread total the title and favicon show: unread messages of my chats that are not silent. */
export function unreadTotal(conversations: Record<string, ConversationSummary>, now = new Date()): number {
  let total = 0;
  for (const c of Object.values(conversations)) if (!silent(c, now)) total += c.unreadCount;
  return total;
}

const COUNT_PREFIX = /^\(\d+\+?\) /;

/** "(3) Chat · Parley"; the plain title when nothing is unread; "(99+)" beyond 99. */
export function titleWithCount(title: string, count: number): string {
  const plain = title.replace(COUNT_PREFIX, "");
  return count > 0 ? `(${count > 99 ? "99+" : count}) ${plain}` : plain;
}

export interface ChatNotification {
  title: string;
  body: string;
  /** One per chat: a new notification replaces the previous one of the same chat. */
  tag: string;
  url: string;
}

/** Tag of a chat's notifications (page and service worker alike, so each replaces the other). */
export const chatTag = (conversationId: string) => `parley-chat-${conversationId}`;

/** What a new message's notification says: sender, chat name (groups), preview or "New message". */
export function notificationFor(conversation: ConversationSummary, meId: string, previews: boolean): ChatNotification | null {
  const message = conversation.lastMessage;
  if (!message) return null;
  const nameOf = (id: string) => conversation.members.find((m) => m.id === id)?.name ?? null;
  const sender = nameOf(message.senderId) ?? "Someone";
  const title = conversation.isGroup ? `${sender} in ${conversationTitle(conversation, meId)}` : sender;
  let body = "New message";
  if (previews) {
    if (message.deleted) body = "This message was deleted";
    else if (message.body) body = mentionsAsText(message.body, nameOf).slice(0, 140);
    else if (message.hasImage) body = "Photo";
  }
  return { title, body, tag: chatTag(conversation.id), url: `/chat/${conversation.id}` };
}

/** A message counts as new for a sound or a notification only this long after it was sent. */
const FRESH_MS = 60_000;

/** The chats whose newest message changed between two states and is someone else's, fresh and not silent. */
export function newMessagesBetween(previous: ChatState, next: ChatState, now = new Date()): ConversationSummary[] {
  const arrived: ConversationSummary[] = [];
  if (previous.conversations === next.conversations) return arrived;
  for (const c of Object.values(next.conversations)) {
    const message = c.lastMessage;
    // A group notice ("Ana added Ben", issue 15) makes no sound and no notification.
    if (!message || message.senderId === next.me.id || message.deleted || message.system) continue;
    if (previous.conversations[c.id]?.lastMessage?.id === message.id) continue;
    if (now.getTime() - Date.parse(message.createdAt) > FRESH_MS || silent(c, now)) continue;
    arrived.push(c);
  }
  return arrived;
}

let audio: AudioContext | null = null;

/** A short two-note chime made with WebAudio (no sound file to download). */
export function playChime(): void {
  try {
    audio ??= new AudioContext();
    const start = audio.currentTime;
    for (const [offset, frequency] of [
      [0, 880],
      [0.09, 1320],
    ] as const) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.type = "sine";
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.12, start + offset + 0.01);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.18);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(start + offset);
      oscillator.stop(start + offset + 0.2);
    }
    document.documentElement.dataset.parleyChimes = String(Number(document.documentElement.dataset.parleyChimes ?? 0) + 1);
  } catch {
    // No audio output (or autoplay refused before any user gesture): silence is fine.
  }
}

const BADGE_SIZE = 64;

/** The favicon with a red badge holding the count, as a PNG data URL (null when it cannot be drawn). */
async function badgedIcon(count: number): Promise<string | null> {
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = BADGE_SIZE;
  const context = canvas.getContext("2d");
  if (!context) return null;
  const image = new Image();
  image.src = "/icon-192.png";
  await image.decode().catch(() => {});
  if (image.naturalWidth > 0) context.drawImage(image, 0, 0, BADGE_SIZE, BADGE_SIZE);
  const text = count > 9 ? "9+" : String(count);
  context.fillStyle = "#dc2626";
  context.beginPath();
  context.arc(BADGE_SIZE - 20, 20, 20, 0, Math.PI * 2);
  context.fill();
  context.fillStyle = "#ffffff";
  context.font = "bold 26px sans-serif";
  context.textAlign = "center";
  context.textBaseline = "middle";
  context.fillText(text, BADGE_SIZE - 20, 21);
  return canvas.toDataURL("image/png");
}

/** Sets every icon link of the page to the badged icon (count > 0) or back to its own file. */
async function applyFavicon(count: number, isCurrent: () => boolean): Promise<void> {
  const links = [...document.querySelectorAll<HTMLLinkElement>('link[rel~="icon"]')];
  const badge = count > 0 ? await badgedIcon(count) : null;
  if (!isCurrent()) return;
  for (const link of links) {
    link.dataset.parleyHref ??= link.getAttribute("href") ?? "";
    if (badge) {
      link.href = badge;
      link.dataset.parleyCount = String(count);
    } else if (link.dataset.parleyCount) {
      link.href = link.dataset.parleyHref;
      delete link.dataset.parleyCount;
    }
  }
}

export interface AttentionOptions {
  /** Opens a chat in the app (client navigation) when its notification is clicked. */
  open(url: string): void;
}

/** Starts the title, favicon, sound and notification behaviour; returns the stop function. */
export function startAttention(store: ChatStore, { open }: AttentionOptions): () => void {
  let count = -1;
  let generation = 0;
  const render = () => {
    const next = unreadTotal(store.getState().conversations);
    const wanted = titleWithCount(document.title, next);
    if (document.title !== wanted) document.title = wanted;
    if (next !== count) {
      count = next;
      const mine = ++generation;
      void applyFavicon(next, () => mine === generation);
    }
  };
  // Next.js sets the title on navigation (and may put its icon links back): keep the count on them.
  const observer = new MutationObserver(() => {
    if (!COUNT_PREFIX.test(document.title) && count > 0) render();
    const fresh = document.querySelector('link[rel~="icon"]:not([data-parley-href])');
    if (fresh && count > 0) {
      const mine = ++generation;
      void applyFavicon(count, () => mine === generation);
    }
  });
  observer.observe(document.head, { childList: true, subtree: true, characterData: true });

  const unsubscribe = store.subscribe((next, previous) => {
    render();
    const arrived = newMessagesBetween(previous, next);
    // Busy (do not disturb, issue 15): the counts update, nothing rings or pops up.
    if (arrived.length === 0 || next.myStatus.status === "busy") return;
    const prefs = readPrefs();
    const hidden = document.visibilityState === "hidden";
    // Sound and notifications at all are my account settings (issue 15), the same on every device.
    if (next.settings.sound && arrived.some((c) => hidden || c.id !== next.activeId)) playChime();
    if (!hidden || !next.settings.notifications || !prefs.desktop || notificationPermission() !== "granted") return;
    for (const conversation of arrived) {
      const shown = notificationFor(conversation, next.me.id, prefs.previews);
      if (!shown) continue;
      try {
        const notification = new Notification(shown.title, { body: shown.body, tag: shown.tag, icon: "/icon-192.png" });
        notification.onclick = () => {
          window.focus();
          open(shown.url);
          notification.close();
        };
      } catch {
        // Some browsers (Android Chrome) allow notifications only from the service worker: Web Push covers them.
      }
    }
  });
  render();
  return () => {
    unsubscribe();
    observer.disconnect();
    document.title = titleWithCount(document.title, 0);
    void applyFavicon(0, () => true);
  };
}
