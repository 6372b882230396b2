// Web Push after commit (issue 16). A committed `message:new` queues its chat (onCommit, off the
// request path: the send returns before any of this runs); a burst of messages in one chat within
// the coalescing window is one queue entry, so each recipient gets one push per burst. When the
// entry is due, one worker (of any instance, through the store) reads the chat's newest message
// and the subscriptions of its members who have not seen it, leaves out the sender, members who
// muted the chat (isMuted) or blocked the sender, whose status is busy (lib/chat/status), and users
// with a focused Parley tab (they see it in the page), and sends
// each device its encrypted payload (with or without the preview, per device). A subscription the
// push service calls gone (404/410) is deleted.
import "server-only";
import { isMuted } from "@/lib/chat/chat-list/mute";
import { busyUserIds } from "@/lib/chat/status/reads";
import { onCommit, type DomainEvent } from "@/lib/chat/kernel/events";
import { MESSAGE_EVENTS } from "@/lib/chat/messages/events";
import { mentionedIds, mentionsAsText } from "@/lib/chat/mentions/tokens";
import { serverEnv } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { parseChannel } from "@/lib/realtime/channels";
import { trackBackgroundWork } from "@/lib/server/lifecycle";
import { deliverPush, vapidDetails, type DeliveryResult } from "./deliver";
import type { PushPayload } from "./dto";
import { PUSH_PREVIEW_MAX } from "./limits";
import { notificationStore } from "./store";

/** Chats whose committed events hold a new message. */
export function chatsWithNewMessages(events: readonly DomainEvent[]): string[] {
  const chats = new Set<string>();
  for (const event of events) {
    if (event.event !== MESSAGE_EVENTS.messageNew) continue;
    // A group notice ("Ana added Ben", issue 15) pushes nothing.
    if ((event.payload as { system?: unknown } | undefined)?.system) continue;
    for (const channel of Array.isArray(event.channels) ? event.channels : [event.channels]) {
      const parsed = parseChannel(channel);
      if (parsed?.kind === "conversation") chats.add(parsed.conversationId);
    }
  }
  return [...chats];
}

/** Queues a push for the chat's members at the end of its coalescing window (a queued chat stays queued). */
export async function queueChatPush(conversationId: string, now = Date.now()): Promise<boolean> {
  if (!vapidDetails()) return false;
  const added = await notificationStore().enqueue(conversationId, now + serverEnv().PUSH_COALESCE_MS);
  ensureWorker();
  return added;
}

const worker = globalThis as unknown as {
  parleyPushTimer?: ReturnType<typeof setInterval>;
  parleyPushBusy?: boolean;
};
const POLL_MS = 500;

function ensureWorker() {
  if (worker.parleyPushTimer || serverEnv().PUSH_WORKER === "off") return;
  worker.parleyPushTimer = setInterval(() => {
    if (worker.parleyPushBusy) return;
    worker.parleyPushBusy = true;
    void trackBackgroundWork(
      drainPushQueue()
        .catch((error: unknown) => console.error("push queue failed", error))
        .finally(() => {
          worker.parleyPushBusy = false;
        }),
    );
  }, POLL_MS);
  worker.parleyPushTimer.unref?.();
}

export interface DrainReport {
  chats: number;
  sent: number;
  gone: number;
  failed: number;
  skipped: number;
}

/** Sends the pushes of every chat due by `now`; returns what happened. */
export async function drainPushQueue(now = Date.now(), options: { backoffMs?: number } = {}): Promise<DrainReport> {
  const report: DrainReport = { chats: 0, sent: 0, gone: 0, failed: 0, skipped: 0 };
  for (;;) {
    const due = await notificationStore().takeDue(now, 50);
    if (due.length === 0) return report;
    for (const conversationId of due) {
      report.chats++;
      const result = await pushChat(conversationId, options);
      for (const key of ["sent", "gone", "failed", "skipped"] as const) report[key] += result[key];
    }
  }
}

const senderName = (sender: { name: string | null; deletedAt: Date | null }) =>
  sender.deletedAt ? "Deleted account" : (sender.name ?? "Someone");

async function pushChat(conversationId: string, options: { backoffMs?: number }): Promise<Omit<DrainReport, "chats">> {
  const result = { sent: 0, gone: 0, failed: 0, skipped: 0 };
  // First the devices of the chat's members (one indexed read): most chats have none, and then
  // nothing more is read.
  const members = await db.pushSubscription.findMany({
    where: { user: { deletedAt: null, conversations: { some: { id: conversationId } } } },
    select: { id: true, userId: true, endpoint: true, p256dh: true, auth: true, previews: true },
  });
  if (members.length === 0) return result;
  const newest = await db.message.findFirst({
    where: { conversationId, deletedAt: null },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      body: true,
      image: true,
      senderId: true,
      sender: { select: { name: true, deletedAt: true } },
      conversation: { select: { name: true, isGroup: true } },
      // Who of them already saw it (another device, the open chat): no push for them.
      seen: { where: { id: { in: [...new Set(members.map((m) => m.userId))] } }, select: { id: true } },
    },
  });
  if (!newest) return result;
  const seen = new Set(newest.seen.map((u) => u.id));
  const subscriptions = members.filter((m) => m.userId !== newest.senderId && !seen.has(m.userId));
  if (subscriptions.length === 0) return result;
  const userIds = [...new Set(subscriptions.map((s) => s.userId))];
  const [states, focused, blockers, doNotDisturb, notificationsOff] = await Promise.all([
    db.conversationMemberState.findMany({
      where: { conversationId, userId: { in: userIds } },
      select: { userId: true, mutedUntil: true, messageRequest: true },
    }),
    notificationStore().focused(userIds, Date.now()),
    // Members who blocked the sender (a group both are in): the sender's messages never notify them.
    db.block.findMany({ where: { blockedId: newest.senderId, blockerId: { in: userIds } }, select: { blockerId: true } }),
    // Members whose status is busy (do not disturb, lib/chat/status).
    busyUserIds(userIds),
    // Members who turned message notifications off in their settings (lib/chat/settings).
    db.userSettings.findMany({ where: { userId: { in: userIds }, notifications: false }, select: { userId: true } }),
  ]);
  const now = new Date();
  const quiet = new Set([
    ...focused,
    ...states.filter((s) => isMuted(s, now)).map((s) => s.userId),
    // A message request not accepted yet (lib/chat/message-requests) is silent.
    ...states.filter((s) => s.messageRequest !== null).map((s) => s.userId),
    ...blockers.map((b) => b.blockerId),
    ...doNotDisturb,
    ...notificationsOff.map((s) => s.userId),
  ]);

  const sender = senderName(newest.sender);
  const title = newest.conversation.isGroup ? `${sender} in ${newest.conversation.name ?? "a group"}` : sender;
  const preview = await previewOf(newest.body, newest.image !== null);
  const payloadFor = (previews: boolean): string =>
    JSON.stringify({
      v: 1,
      conversationId,
      messageId: newest.id,
      title,
      body: previews ? preview : "New message",
      tag: `parley-chat-${conversationId}`,
      url: `/chat/${conversationId}`,
    } satisfies PushPayload);

  const gone: string[] = [];
  const sent: string[] = [];
  const targets = subscriptions.filter((s) => {
    if (quiet.has(s.userId)) result.skipped++;
    return !quiet.has(s.userId);
  });
  for (let at = 0; at < targets.length; at += 16) {
    const outcomes: DeliveryResult[] = await Promise.all(
      targets.slice(at, at + 16).map((s) => deliverPush(s, payloadFor(s.previews), { conversationId, backoffMs: options.backoffMs })),
    );
    outcomes.forEach((outcome, index) => {
      const id = targets[at + index]!.id;
      result[outcome]++;
      if (outcome === "gone") gone.push(id);
      if (outcome === "sent") sent.push(id);
    });
  }
  if (gone.length > 0) await db.pushSubscription.deleteMany({ where: { id: { in: gone } } });
  if (sent.length > 0) await db.pushSubscription.updateMany({ where: { id: { in: sent } }, data: { lastPushAt: now } });
  return result;
}

async function previewOf(body: string | null, hasImage: boolean): Promise<string> {
  if (!body) return hasImage ? "Photo" : "New message";
  const ids = mentionedIds(body);
  const names =
    ids.length === 0 ? [] : await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, deletedAt: true } });
  const text = mentionsAsText(body, (id) => {
    const user = names.find((n) => n.id === id);
    return user ? senderName(user) : null;
  });
  return text.length > PUSH_PREVIEW_MAX ? `${text.slice(0, PUSH_PREVIEW_MAX - 1)}…` : text;
}

const registered = globalThis as unknown as { parleyPushListeners?: WeakSet<typeof onCommit> };

/**
 * Hooks pushes onto the after-commit step (once per bundle copy of the events module: each copy
 * has its own listeners, and a copy only runs the commits that went through it).
 */
export function registerPushListener(): void {
  registered.parleyPushListeners ??= new WeakSet();
  if (registered.parleyPushListeners.has(onCommit)) return;
  registered.parleyPushListeners.add(onCommit);
  onCommit(async (events) => {
    for (const conversationId of chatsWithNewMessages(events)) await queueChatPush(conversationId);
  });
}
