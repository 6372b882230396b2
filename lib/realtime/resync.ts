// Client-side consistency for a conversation's message list (pure functions, browser-safe).
// Pusher does not guarantee delivery, so the UI treats events as hints and the API as the truth:
// - every message (event or page) goes through mergeMessages, keyed by id: no duplicates;
// - on (re)connect, when the tab becomes visible, or on a `truncated` event, resync() fetches
//   everything after the newest message held (with a safety margin for messages that committed
//   late with an earlier timestamp) until the server says there is nothing newer: no gaps.
//   If the client is too far behind, it replaces its list with the newest page (contiguous again).
import { encodeCursor } from "@/lib/chat/kernel/cursor";
import type { MessageDto, MessagePage } from "@/lib/chat/messages/dto";
import type { SafeUser } from "@/lib/chat/kernel/dto";
import { isObjectId } from "@/lib/chat/kernel/ids";
import type { EventPayload, EVENTS } from "./events";

type MessageLike = Pick<MessageDto, "id" | "createdAt"> & { truncated?: boolean; seenBy?: SafeUser[]; deliveredTo?: string[] };

/** Newest first: createdAt desc, then id desc (the server's order). */
export function compareNewestFirst(a: Pick<MessageDto, "id" | "createdAt">, b: Pick<MessageDto, "id" | "createdAt">): number {
  const at = Date.parse(b.createdAt) - Date.parse(a.createdAt);
  if (at !== 0) return at;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * Merges incoming messages into the list (newest first), one entry per id. A newer copy replaces
 * the held one (e.g. more seenBy), except a truncated event copy never replaces a full message,
 * and readers the held copy knows stay: seen is monotonic, and a copy read before a seen event
 * (the send's own answer, a resync page) may arrive after it.
 */
export function mergeMessages<M extends MessageLike>(current: readonly M[], incoming: readonly M[]): M[] {
  const byId = new Map<string, M>();
  for (const message of current) byId.set(message.id.toLowerCase(), message);
  for (const message of incoming) {
    const key = message.id.toLowerCase();
    const held = byId.get(key);
    if (held && message.truncated && !held.truncated) continue;
    byId.set(key, held ? keepReaders(message, held) : message);
  }
  return [...byId.values()].sort(compareNewestFirst);
}

function keepReaders<M extends MessageLike>(incoming: M, held: M): M {
  let merged = incoming;
  if (incoming.seenBy && held.seenBy) {
    const known = new Set(incoming.seenBy.map((user) => user.id));
    const missing = held.seenBy.filter((user) => !known.has(user.id));
    if (missing.length > 0) merged = { ...merged, seenBy: [...incoming.seenBy, ...missing] };
  }
  // Delivery is monotonic too.
  if (incoming.deliveredTo && held.deliveredTo) {
    const known = new Set(incoming.deliveredTo);
    const missing = held.deliveredTo.filter((id) => !known.has(id));
    if (missing.length > 0) merged = { ...merged, deliveredTo: [...incoming.deliveredTo, ...missing] };
  }
  return merged;
}

/** Applies a message:seen event: `user` has seen others' messages up to `upTo`. */
export function applySeen<M extends Pick<MessageDto, "id" | "createdAt" | "sender" | "seenBy">>(
  messages: readonly M[],
  event: EventPayload<typeof EVENTS.messageSeen>,
): M[] {
  const user: SafeUser = event.user;
  return messages.map((message) => {
    if (message.sender.id === user.id || compareNewestFirst(message, event.upTo) < 0) return message;
    if (message.seenBy.some((u) => u.id === user.id)) return message;
    return { ...message, seenBy: [...message.seenBy, user] };
  });
}

/** Applies a message:delivered event: a client of `userId` received others' messages up to `upTo`. */
export function applyDelivered<M extends Pick<MessageDto, "id" | "createdAt" | "sender" | "deliveredTo">>(
  messages: readonly M[],
  event: EventPayload<typeof EVENTS.messageDelivered>,
): M[] {
  return messages.map((message) => {
    if (message.sender.id === event.userId || compareNewestFirst(message, event.upTo) < 0) return message;
    if (message.deliveredTo.includes(event.userId)) return message;
    return { ...message, deliveredTo: [...message.deliveredTo, event.userId] };
  });
}

/** How far back a resync looks before the newest held message (late commits, clock skew). */
export const RESYNC_MARGIN_MS = 10_000;
/** Beyond this many pages, resync gives up catching up and loads the newest page instead. */
export const RESYNC_MAX_PAGES = 10;

/** The `after` cursor for a resync, or null when nothing is held (load the newest page). */
export function resyncCursor(messages: readonly MessageLike[], marginMs = RESYNC_MARGIN_MS): string | null {
  const newest = [...messages].filter((m) => !m.truncated).sort(compareNewestFirst)[0];
  if (!newest) return null;
  const zeroId = isObjectId(newest.id) ? "0".repeat(24) : "00000000-0000-0000-0000-000000000000";
  return encodeCursor({ at: new Date(Date.parse(newest.createdAt) - marginMs), id: zeroId });
}

export interface ResyncResult<M> {
  messages: M[];
  /** True when the list was replaced by the newest page (older pages load again on scroll). */
  reset: boolean;
  hasOlder?: boolean;
}

/**
 * Brings `current` up to date. `fetchPage(after)` calls GET /api/conversations/[id]/messages
 * (with `after` when it is not null). Returns the merged list; never a gap, never a duplicate.
 */
export async function resync<M extends MessageDto>(
  current: readonly M[],
  fetchPage: (after: string | null) => Promise<Omit<MessagePage, "messages"> & { messages: M[] }>,
  options: { marginMs?: number; maxPages?: number } = {},
): Promise<ResyncResult<M>> {
  const cursor = resyncCursor(current, options.marginMs);
  if (cursor === null) {
    const page = await fetchPage(null);
    return { messages: mergeMessages([], page.messages), reset: true, hasOlder: page.hasOlder };
  }
  let merged = [...current];
  let after: string | null = cursor;
  for (let pages = 0; pages < (options.maxPages ?? RESYNC_MAX_PAGES); pages += 1) {
    const page = await fetchPage(after);
    merged = mergeMessages(merged, page.messages);
    if (!page.hasNewer) return { messages: merged, reset: false };
    after = page.newerCursor;
  }
  const newest = await fetchPage(null);
  return { messages: mergeMessages([], newest.messages), reset: true, hasOlder: newest.hasOlder };
}
