"use client";
// The notification center in the browser (issue 16): my entries as GET /api/notification-center
// pages them, and my unread count, in a small module store — like contacts (./contacts.ts), not in
// the chat store: nothing of the list's first paint needs it; the bell (loaded after hydration), its
// panel and the realtime handler (./realtime/notification-center.ts) load this module later.
// `notification:new` / `:read` / `:removed` on my user channel keep it current in every tab.
import { useSyncExternalStore } from "react";
import type { NotificationDto, NotificationPage } from "@/lib/chat/notification-center/dto";
import type { EventPayload } from "@/lib/realtime/events";
import { request } from "./api";

export interface NotificationCenterState {
  /** Newest first; null until the first page arrived. */
  items: NotificationDto[] | null;
  nextCursor: string | null;
  unreadCount: number;
  loadingMore: boolean;
  error: string | null;
}

const initial: NotificationCenterState = { items: null, nextCursor: null, unreadCount: 0, loadingMore: false, error: null };
let state = initial;
const listeners = new Set<() => void>();
let inFlight: Promise<void> | null = null;

function set(patch: Partial<NotificationCenterState>) {
  state = { ...state, ...patch };
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};
const snapshot = () => state;
const serverSnapshot = () => initial;

/** The current state, outside React (tests, handlers). */
export const notificationCenterState = (): NotificationCenterState => state;

export function useNotificationCenter(): NotificationCenterState {
  return useSyncExternalStore(subscribe, snapshot, serverSnapshot);
}

const url = (cursor?: string) => `/api/notification-center${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`;

/** Reads the first page again (and the count); the entries older than it are dropped. */
export function refreshNotifications(): Promise<void> {
  inFlight ??= request<NotificationPage>("GET", url())
    .then((page) => set({ items: page.items, nextCursor: page.nextCursor, unreadCount: page.unreadCount, error: null }))
    .catch((error: Error) => set({ error: error.message }))
    .finally(() => {
      inFlight = null;
    });
  return inFlight;
}

/** Loads them once (the bell, after hydration). */
export function ensureNotifications(): void {
  if (state.items === null && !inFlight) void refreshNotifications();
}

/** A reconnection may have missed events: read again what was loaded. */
export function refreshLoadedNotifications(): void {
  if (state.items !== null) void refreshNotifications();
}

/** The next (older) page. */
export async function loadMoreNotifications(): Promise<void> {
  const cursor = state.nextCursor;
  if (!cursor || state.loadingMore) return;
  set({ loadingMore: true });
  try {
    const page = await request<NotificationPage>("GET", url(cursor));
    const held = new Set((state.items ?? []).map((n) => n.id));
    set({
      items: [...(state.items ?? []), ...page.items.filter((n) => !held.has(n.id))],
      nextCursor: page.nextCursor,
      unreadCount: page.unreadCount,
    });
  } catch (error) {
    set({ error: (error as Error).message });
  } finally {
    set({ loadingMore: false });
  }
}

// ---- Realtime (./realtime/notification-center.ts) ----

export function applyNewNotification({ notification, unreadCount }: EventPayload<"notification:new">): void {
  const items = state.items;
  set({
    unreadCount,
    items: items === null ? null : [notification, ...items.filter((n) => n.id !== notification.id)],
  });
}

export function applyNotificationsRead({ ids, all, unreadCount }: EventPayload<"notification:read">): void {
  const at = new Date().toISOString();
  const read = new Set(ids ?? []);
  set({
    unreadCount,
    items: state.items?.map((n) => (n.readAt === null && (all || read.has(n.id)) ? { ...n, readAt: at } : n)) ?? null,
  });
}

export function applyNotificationsRemoved({ ids, unreadCount }: EventPayload<"notification:removed">): void {
  const gone = new Set(ids);
  set({ unreadCount, items: state.items?.filter((n) => !gone.has(n.id)) ?? null });
}

// ---- Operations (optimistic; the answer's count is the truth) ----

async function markRead(body: { id: string } | { all: true }): Promise<void> {
  try {
    const { unreadCount } = await request<{ unreadCount: number }>("POST", "/api/notification-center/read", body);
    set({ unreadCount });
  } catch (error) {
    set({ error: (error as Error).message });
    void refreshNotifications();
  }
}

/** Marks one entry read (opening it). */
export function markNotificationRead(id: string): Promise<void> {
  const entry = state.items?.find((n) => n.id === id);
  if (entry && entry.readAt !== null) return Promise.resolve();
  applyNotificationsRead({ ids: [id], unreadCount: Math.max(0, state.unreadCount - (entry ? 1 : 0)) });
  return markRead({ id });
}

/** Marks every entry read. */
export function markAllNotificationsRead(): Promise<void> {
  applyNotificationsRead({ all: true, unreadCount: 0 });
  return markRead({ all: true });
}
