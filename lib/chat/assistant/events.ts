// Realtime events of the assistant. Browser-safe (zod/mini).
// `assistant:progress` carries a reply's text so far to the asking user's own channel (their other
// tabs and devices): partial text is never a stored message. The finished reply is an ordinary
// message (message:new through the after-commit step).
import * as z from "zod/mini";
import { idSchema } from "@/lib/chat/kernel/dto";

export const ASSISTANT_EVENTS = {
  /** On private-user-<id> of the asking user: the text so far of a reply being generated. */
  assistantProgress: "assistant:progress",
  /** On private-conversation-<id>: its members turned `@ai` on or off in it (every member's header follows). */
  assistantChat: "assistant:chat",
  /**
   * On private-conversation-<id>: an `@ai` answer being written for everyone (its text so far,
   * throttled), then `done` (its message was sent just before) or `failed` with a notice. A refusal
   * before anything is asked (rate limit, budget) goes to the asker's private-user-<id> only.
   */
  assistantAnswer: "assistant:answer",
} as const;

/** Text of one progress event at most (the tail of a longer reply: well under the event size limit). */
export const PROGRESS_TEXT_MAX = 4000;

export const assistantEventSchemas = {
  [ASSISTANT_EVENTS.assistantProgress]: z.object({
    conversationId: idSchema,
    replyId: idSchema,
    /** The reply's text so far (its tail when long: lib/chat/assistant/event-tail.ts). */
    text: z.string().check(z.maxLength(PROGRESS_TEXT_MAX)),
    /** true once the reply is finished, stopped or failed: drop the progress. */
    done: z.boolean(),
  }),
  [ASSISTANT_EVENTS.assistantChat]: z.object({ conversationId: idSchema, enabled: z.boolean() }),
  [ASSISTANT_EVENTS.assistantAnswer]: z.object({
    conversationId: idSchema,
    /** The message that asked (`@ai …`): one pending answer per question. */
    questionId: idSchema,
    status: z.enum(["streaming", "done", "failed"]),
    /** The answer's text so far (its tail when long: the event stays under MAX_EVENT_BYTES). */
    text: z.string().check(z.maxLength(PROGRESS_TEXT_MAX)),
    /** Why there is no answer (failed): shown in the chat. */
    notice: z.nullable(z.string().check(z.maxLength(300))),
  }),
} as const;
