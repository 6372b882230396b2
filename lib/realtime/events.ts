// The registry of realtime events: every capability's event names and payload schemas
// (lib/chat/<capability>/events.ts) in one table, used by the publisher (validate before sending)
// and by the browser's dispatcher (validate what arrives). Payloads carry ids and safe user fields
// only, and stay far below Pusher's 10 KB limit (MAX_EVENT_BYTES).
// zod/mini (same validation as classic zod, functional API): these schemas also run in the browser,
// where classic zod would add ~30 kB gzip to the download.
import * as z from "zod/mini";
import { ASSISTANT_EVENTS, assistantEventSchemas } from "@/lib/chat/assistant/events";
import { ATTACHMENT_EVENTS, attachmentEventSchemas } from "@/lib/chat/attachments/events";
import { CALL_EVENTS, callEventSchemas } from "@/lib/chat/calls/events";
import { CHAT_LIST_EVENTS, chatListEventSchemas } from "@/lib/chat/chat-list/events";
import { CONTACT_EVENTS, contactEventSchemas } from "@/lib/chat/contacts/events";
import { CONVERSATION_EVENTS, conversationEventSchemas } from "@/lib/chat/conversations/events";
import { GROUP_INVITATION_EVENTS, groupInvitationEventSchemas } from "@/lib/chat/group-invitations/events";
import { MESSAGE_ACTION_EVENTS, messageActionEventSchemas } from "@/lib/chat/message-actions/events";
import { MESSAGE_EVENTS, messageEventSchemas } from "@/lib/chat/messages/events";
import { NOTIFICATION_CENTER_EVENTS, notificationCenterEventSchemas } from "@/lib/chat/notification-center/events";
import { PIN_EVENTS, pinEventSchemas } from "@/lib/chat/pins/events";
import { PRIVACY_EVENTS, privacyEventSchemas } from "@/lib/chat/privacy/events";
import { RECEIPT_EVENTS, receiptEventSchemas } from "@/lib/chat/receipts/events";
import { SETTINGS_EVENTS, settingsEventSchemas } from "@/lib/chat/settings/events";
import { STAR_EVENTS, starEventSchemas } from "@/lib/chat/stars/events";
import { STATUS_EVENTS, statusEventSchemas } from "@/lib/chat/status/events";
import { MESSAGE_REQUEST_EVENTS, messageRequestEventSchemas } from "@/lib/chat/message-requests/events";
import { UNREAD_MARK_EVENTS, unreadMarkEventSchemas } from "@/lib/chat/unread-mark/events";

/** Pusher refuses event data over 10 KB; Parley keeps a margin. */
export const MAX_EVENT_BYTES = 9_000;

const PRESENCE_EVENTS = {
  /** Client event on presence-conversation-<id>; the sender is the presence `user_id` of the event. */
  typing: "client-typing",
} as const;

export const EVENTS = {
  ...MESSAGE_EVENTS,
  ...RECEIPT_EVENTS,
  ...CONVERSATION_EVENTS,
  ...UNREAD_MARK_EVENTS,
  ...CHAT_LIST_EVENTS,
  ...MESSAGE_ACTION_EVENTS,
  ...ASSISTANT_EVENTS,
  ...STAR_EVENTS,
  ...PIN_EVENTS,
  ...CALL_EVENTS,
  ...ATTACHMENT_EVENTS,
  ...STATUS_EVENTS,
  ...CONTACT_EVENTS,
  ...PRIVACY_EVENTS,
  ...SETTINGS_EVENTS,
  ...GROUP_INVITATION_EVENTS,
  ...NOTIFICATION_CENTER_EVENTS,
  ...MESSAGE_REQUEST_EVENTS,
  ...PRESENCE_EVENTS,
} as const;

export const eventSchemas = {
  ...messageEventSchemas,
  ...receiptEventSchemas,
  ...conversationEventSchemas,
  ...unreadMarkEventSchemas,
  ...chatListEventSchemas,
  ...messageActionEventSchemas,
  ...assistantEventSchemas,
  ...starEventSchemas,
  ...pinEventSchemas,
  ...callEventSchemas,
  ...attachmentEventSchemas,
  ...statusEventSchemas,
  ...contactEventSchemas,
  ...privacyEventSchemas,
  ...settingsEventSchemas,
  ...groupInvitationEventSchemas,
  ...notificationCenterEventSchemas,
  ...messageRequestEventSchemas,
  [PRESENCE_EVENTS.typing]: z.object({ typing: z.boolean() }),
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
