// The one place realtime events are routed. Each capability (one file beside this one) registers
// handlers per channel kind and event name; the connection (./connection) binds exactly those
// events on its channels and hands each one here. The dispatcher validates the payload (app events
// with parseEvent from lib/realtime/events, pusher-js's own presence events with the schemas below)
// and calls the handlers; an unknown event or an invalid payload is ignored.
// A new capability: one handler file exporting a Capability + one line in CAPABILITIES.
import * as z from "zod/mini";
import type { MessageStore } from "@/lib/client/store/message-slices";
import { eventSchemas, parseEvent, type EventName } from "@/lib/realtime/events";
import { assistant } from "./assistant";
import { attachments } from "./attachments";
import { calls } from "./calls";
import { chatList } from "./chat-list";
import { contacts } from "./contacts";
import { conversations } from "./conversations";
import { groupInvitations } from "./group-invitations";
import { messageActions } from "./message-actions";
import { messageRequests } from "./message-requests";
import { messages } from "./messages";
import { notificationCenter } from "./notification-center";
import { pins } from "./pins";
import { privacy } from "./privacy";
import { presence } from "./presence";
import { receipts } from "./receipts";
import { settings } from "./settings";
import { stars } from "./stars";
import { status } from "./status";
import { unreadMark } from "./unread-mark";

/** private-user-<me>, private-conversation-<id>, presence-conversation-<id> (lib/realtime/channels). */
export type ChannelKind = "user" | "conversation" | "presence";

/** Events pusher-js emits itself (not published by Parley, so not in lib/realtime/events). */
export const PUSHER_EVENTS = {
  subscribed: "pusher:subscription_succeeded",
  memberAdded: "pusher:member_added",
  memberRemoved: "pusher:member_removed",
} as const;

const presenceMember = z.object({ id: z.string() });
const pusherSchemas = {
  user: {
    /** My channel is live (again, after a reconnection): only the moment matters. */
    [PUSHER_EVENTS.subscribed]: z.unknown(),
  },
  conversation: {
    /** The server's (empty) subscription data: only the moment matters. */
    [PUSHER_EVENTS.subscribed]: z.unknown(),
  },
  presence: {
    /** pusher-js's Members: `members` maps each present user id to its info. */
    [PUSHER_EVENTS.subscribed]: z.object({ members: z.record(z.string(), z.unknown()) }),
    [PUSHER_EVENTS.memberAdded]: presenceMember,
    [PUSHER_EVENTS.memberRemoved]: presenceMember,
  },
} as const;

type Schemas<K extends ChannelKind> = typeof eventSchemas & (typeof pusherSchemas)[K];

/** Where an event came from. */
export interface EventContexts {
  user: Record<string, never>;
  conversation: { conversationId: string };
  /** `senderId`: the presence user_id of a client event's sender (set by the server, not the sender). */
  presence: { conversationId: string; senderId?: string };
}

export type ChannelHandlers<K extends ChannelKind> = {
  [N in keyof Schemas<K>]?: (payload: z.infer<Schemas<K>[N]>, context: EventContexts[K]) => void;
};

/** What a capability handles on one connection; its per-connection state lives in its closure. */
export interface CapabilityHandlers {
  user?: ChannelHandlers<"user">;
  conversation?: ChannelHandlers<"conversation">;
  presence?: ChannelHandlers<"presence">;
  /** A conversation's channels are about to be subscribed (it joined my list). */
  subscribe?(conversationId: string): void;
  /** A conversation's channels were unsubscribed (it left my list). */
  unsubscribe?(conversationId: string): void;
  /** The connection closes. */
  dispose?(): void;
}

export interface RealtimeSession {
  store: MessageStore;
  meId: string;
}

export type Capability = (session: RealtimeSession) => CapabilityHandlers;

// ── Registered capabilities (handlers of one event run in this order) ────────────────────────────
export const CAPABILITIES: readonly Capability[] = [
  conversations,
  messages,
  receipts,
  presence,
  unreadMark,
  chatList,
  messageActions,
  stars,
  pins,
  assistant,
  calls,
  attachments,
  settings,
  status,
  contacts,
  privacy,
  groupInvitations,
  notificationCenter,
  messageRequests,
];
// ─────────────────────────────────────────────────────────────────────────────────────────────────

type AnyHandler = (payload: unknown, context: unknown) => void;
type Schema = z.ZodMiniType;

export interface Dispatcher {
  /** The event names some capability handles on channels of this kind (what the connection binds). */
  events(kind: ChannelKind): string[];
  /** Validates `data` and runs the handlers of `name` on `kind`; false when ignored (unknown event, invalid payload). */
  dispatch<K extends ChannelKind>(kind: K, name: string, data: unknown, context: EventContexts[K]): boolean;
  subscribe(conversationId: string): void;
  unsubscribe(conversationId: string): void;
  dispose(): void;
}

const KINDS: readonly ChannelKind[] = ["user", "conversation", "presence"];

const has = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);

function parse(kind: ChannelKind, name: string, data: unknown): { ok: true; payload: unknown } | { ok: false } {
  if (has(pusherSchemas[kind], name)) {
    const result = (pusherSchemas[kind] as Record<string, Schema>)[name]!.safeParse(data);
    return result.success ? { ok: true, payload: result.data } : { ok: false };
  }
  if (!has(eventSchemas, name)) return { ok: false };
  const payload = parseEvent(name as EventName, data);
  return payload === null ? { ok: false } : { ok: true, payload };
}

export function createDispatcher(session: RealtimeSession, capabilities: readonly Capability[] = CAPABILITIES): Dispatcher {
  const registered = capabilities.map((capability) => capability(session));
  const routes = new Map<string, AnyHandler[]>();
  const key = (kind: ChannelKind, name: string) => `${kind} ${name}`;
  for (const handlers of registered) {
    for (const kind of KINDS) {
      for (const [name, handler] of Object.entries(handlers[kind] ?? {})) {
        if (!handler) continue;
        const list = routes.get(key(kind, name)) ?? [];
        list.push(handler as AnyHandler);
        routes.set(key(kind, name), list);
      }
    }
  }

  return {
    events(kind) {
      const prefix = `${kind} `;
      return [...routes.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
    },
    dispatch(kind, name, data, context) {
      const handlers = routes.get(key(kind, name));
      if (!handlers) return false;
      const parsed = parse(kind, name, data);
      if (!parsed.ok) return false;
      for (const handler of handlers) handler(parsed.payload, context);
      return true;
    },
    subscribe(conversationId) {
      for (const handlers of registered) handlers.subscribe?.(conversationId);
    },
    unsubscribe(conversationId) {
      for (const handlers of registered) handlers.unsubscribe?.(conversationId);
    },
    dispose() {
      for (const handlers of registered) handlers.dispose?.();
    },
  };
}
