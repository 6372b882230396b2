// The notification center's browser store (issue 16): the first page, older pages without
// duplicates, and the realtime events (new, read — one or all —, removed) applied to what is held,
// each setting the unread count the server sent; marking read is optimistic and the answer's count wins.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { NotificationDto } from "@/lib/chat/notification-center/dto";
import {
  applyNewNotification,
  applyNotificationsRead,
  applyNotificationsRemoved,
  loadMoreNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  notificationCenterState,
  refreshNotifications,
} from "./notification-center";

const entry = (id: string, readAt: string | null = null): NotificationDto => ({
  id,
  kind: "mention",
  actor: { id: "u1", name: "Ben", image: null },
  conversation: { id: "c1", name: "Team", isGroup: true },
  messageId: "m1",
  contactRequestId: null,
  groupInvitationId: null,
  text: null,
  readAt,
  createdAt: "2026-12-01T10:00:00.000Z",
});

const state = notificationCenterState;

const answers: unknown[] = [];
const calls: { method: string; url: string; body: unknown }[] = [];
vi.stubGlobal("fetch", (url: string, init: { method: string; body?: string }) => {
  calls.push({ method: init.method, url, body: init.body ? JSON.parse(init.body) : undefined });
  return Promise.resolve(new Response(JSON.stringify(answers.shift()), { status: 200 }));
});
afterEach(() => {
  calls.length = 0;
});

describe("the notification center store", () => {
  it("loads pages, applies events and marks read", async () => {
    answers.push({ items: [entry("n3"), entry("n2")], nextCursor: "cur", unreadCount: 3 });
    await refreshNotifications();
    expect(state().items?.map((n) => n.id)).toEqual(["n3", "n2"]);
    expect(state().unreadCount).toBe(3);

    answers.push({ items: [entry("n2"), entry("n1")], nextCursor: null, unreadCount: 3 });
    await loadMoreNotifications();
    expect(calls.at(-1)!.url).toBe("/api/notification-center?cursor=cur");
    expect(state().items?.map((n) => n.id)).toEqual(["n3", "n2", "n1"]);
    expect(state().nextCursor).toBeNull();

    applyNewNotification({ notification: entry("n4"), unreadCount: 4 });
    expect(state().items?.map((n) => n.id)).toEqual(["n4", "n3", "n2", "n1"]);
    applyNotificationsRemoved({ ids: ["n3"], unreadCount: 3 });
    expect(state().items?.map((n) => n.id)).toEqual(["n4", "n2", "n1"]);
    applyNotificationsRead({ ids: ["n2"], unreadCount: 2 });
    expect(state().items?.find((n) => n.id === "n2")?.readAt).not.toBeNull();
    expect(state().unreadCount).toBe(2);

    answers.push({ unreadCount: 1 });
    const one = markNotificationRead("n4");
    expect(state().unreadCount).toBe(1); // optimistic
    await one;
    expect(calls.at(-1)).toEqual({ method: "POST", url: "/api/notification-center/read", body: { id: "n4" } });

    answers.push({ unreadCount: 0 });
    await markAllNotificationsRead();
    expect(calls.at(-1)!.body).toEqual({ all: true });
    expect(state().items?.every((n) => n.readAt !== null)).toBe(true);
    expect(state().unreadCount).toBe(0);
  });
});
