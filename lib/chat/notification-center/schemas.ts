// Inputs of the notification center: a page of my entries, and marking one or all read.
import { z } from "zod";
import { cursorSchema, pageLimitSchema, recordIdSchema } from "@/lib/chat/kernel/input";
import { NOTIFICATION_CENTER_LIMITS } from "./limits";

export const listNotificationsSchema = z.object({
  cursor: cursorSchema.optional(),
  limit: pageLimitSchema(NOTIFICATION_CENTER_LIMITS.pageMax, NOTIFICATION_CENTER_LIMITS.page),
});
export type ListNotificationsInput = z.input<typeof listNotificationsSchema>;

export const markReadSchema = z.union([
  z.object({ id: recordIdSchema }).strict(),
  z.object({ all: z.literal(true, { error: "must be true" }) }).strict(),
]);
export type MarkReadInput = z.input<typeof markReadSchema>;
