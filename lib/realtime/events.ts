// Realtime event names and payloads: one zod schema per event, used by the publisher (validate
// before sending) and by the browser (validate what arrives). Payloads carry ids and safe user
// fields only, and stay far below Pusher's 10 KB limit (MAX_EVENT_BYTES).
// zod/mini (same validation as classic zod, functional API): these schemas also run in the browser
// (lib/client/realtime-connection), where classic zod would add ~30 kB gzip to the download.
import * as z from "zod/mini";

/** Pusher refuses event data over 10 KB; Parley keeps a margin. */
export const MAX_EVENT_BYTES = 9_000;

const id = z.string().check(z.minLength(1), z.maxLength(64));
const isoDate = z.iso.datetime({ offset: true });

export const safeUserPayload = z.object({ id, name: z.nullable(z.string()), image: z.nullable(z.string()) });

export const messagePayload = z.object({
  id,
  conversationId: id,
  body: z.nullable(z.string()),
  image: z.nullable(z.string()),
  createdAt: isoDate,
  sender: safeUserPayload,
  seenBy: z.array(safeUserPayload),
  /** Set when the body did not fit in an event: fetch the message (resync) to read it. */
  truncated: z.optional(z.literal(true)),
});

export const messagePreviewPayload = z.object({
  id,
  senderId: id,
  body: z.nullable(z.string()),
  hasImage: z.boolean(),
  createdAt: isoDate,
});

export const EVENTS = {
  /** On private-conversation-<id>: a message was stored. */
  messageNew: "message:new",
  /** On private-conversation-<id>: `user` has seen every message up to and including `upTo`. */
  messageSeen: "message:seen",
  /** On private-user-<id>: the user was added to a conversation (or a hidden 1:1 came back). */
  conversationNew: "conversation:new",
  /** On private-user-<id>: a conversation in the user's list changed (new message, members, unread). */
  conversationUpdate: "conversation:update",
  /** On private-user-<id>: the conversation left the user's list (left a group, hid a 1:1). */
  conversationRemove: "conversation:remove",
  /** Client event on presence-conversation-<id>; the sender is the presence `user_id` of the event. */
  typing: "client-typing",
} as const;

export const eventSchemas = {
  [EVENTS.messageNew]: messagePayload,
  [EVENTS.messageSeen]: z.object({
    conversationId: id,
    user: safeUserPayload,
    upTo: z.object({ id, createdAt: isoDate }),
  }),
  [EVENTS.conversationNew]: z.object({
    id,
    name: z.nullable(z.string()),
    isGroup: z.boolean(),
    lastMessageAt: isoDate,
    memberIds: z.array(id),
  }),
  [EVENTS.conversationUpdate]: z.object({
    id,
    lastMessageAt: z.optional(isoDate),
    lastMessage: z.optional(messagePreviewPayload),
    memberIds: z.optional(z.array(id)),
    /** Sent to the reader's own channel after "mark seen" (other tabs update their badge). */
    unreadCount: z.optional(z.int().check(z.minimum(0))),
  }),
  [EVENTS.conversationRemove]: z.object({ id }),
  [EVENTS.typing]: z.object({ typing: z.boolean() }),
} as const;

export type EventName = keyof typeof eventSchemas;
export type EventPayload<E extends EventName> = z.infer<(typeof eventSchemas)[E]>;
export type ServerEventName = Exclude<EventName, typeof EVENTS.typing>;

/** Parses an incoming event's data; null if it is not a valid payload (log and ignore it). */
export function parseEvent<E extends EventName>(event: E, data: unknown): EventPayload<E> | null {
  const result = eventSchemas[event].safeParse(data);
  return result.success ? (result.data as EventPayload<E>) : null;
}

export function eventBytes(payload: unknown): number {
  return new TextEncoder().encode(JSON.stringify(payload)).length;
}
