// Inputs of calls (zod 4), parsed by the operations themselves.
import { z } from "zod";
import { cursorSchema, pageLimitSchema, recordIdSchema } from "@/lib/chat/kernel/input";
import { CALL_LOG_PAGE, CALL_SIGNAL_DATA_MAX, CALL_TYPES, SIGNAL_KINDS } from "./limits";

export const startCallSchema = z.object({
  type: z.enum(CALL_TYPES, { error: "must be voice or video" }),
});
export type StartCallInput = z.input<typeof startCallSchema>;

export const CALL_ACTIONS = ["accept", "decline", "hangup", "heartbeat", "screen-start", "screen-stop"] as const;
export const callActionSchema = z.object({
  action: z.enum(CALL_ACTIONS, { error: `must be one of ${CALL_ACTIONS.join(", ")}` }),
});
export type CallActionInput = z.input<typeof callActionSchema>;

export const signalInputSchema = z.object({
  to: recordIdSchema,
  kind: z.enum(SIGNAL_KINDS, { error: "must be offer, answer or ice" }),
  data: z
    .string({ error: "is required" })
    .min(1, { message: "is required" })
    .max(CALL_SIGNAL_DATA_MAX, { message: `must be at most ${CALL_SIGNAL_DATA_MAX} characters` }),
});
export type SignalInput = z.input<typeof signalInputSchema>;

export const callLogPageSchema = z.object({
  cursor: cursorSchema.optional(),
  limit: pageLimitSchema(100, CALL_LOG_PAGE),
});
export type CallLogPageInput = z.input<typeof callLogPageSchema>;
