// Realtime events of the conversation list, on each member's private-user-<id> channel.
// Browser-safe (zod/mini).
import * as z from "zod/mini";
import { idSchema, isoDateSchema } from "@/lib/chat/kernel/dto";
import { messagePreviewSchema } from "@/lib/chat/messages/dto";
import { conversationHeaderSchema } from "./dto";

export const CONVERSATION_EVENTS = {
  /** The user was added to a conversation (or a hidden 1:1 came back). */
  conversationNew: "conversation:new",
  /** A conversation in the user's list changed (new message, members, unread). */
  conversationUpdate: "conversation:update",
  /** The conversation left the user's list (left a group, hid a 1:1). */
  conversationRemove: "conversation:remove",
} as const;

export const conversationEventSchemas = {
  [CONVERSATION_EVENTS.conversationNew]: z.extend(conversationHeaderSchema, { memberIds: z.array(idSchema) }),
  [CONVERSATION_EVENTS.conversationUpdate]: z.object({
    id: idSchema,
    lastMessageAt: z.optional(isoDateSchema),
    lastMessage: z.optional(messagePreviewSchema),
    memberIds: z.optional(z.array(idSchema)),
    /** Sent to the reader's own channel after "mark seen" (other tabs update their badge). */
    unreadCount: z.optional(z.int().check(z.minimum(0))),
  }),
  [CONVERSATION_EVENTS.conversationRemove]: z.object({ id: idSchema }),
} as const;
