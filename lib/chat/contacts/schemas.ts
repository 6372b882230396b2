// Inputs of contacts and contact requests (zod 4), parsed by the domain functions themselves.
import { z } from "zod";
import { recordIdSchema } from "@/lib/chat/kernel/input";

export const contactUserSchema = z.object({ userId: recordIdSchema });
export type ContactUserInput = z.input<typeof contactUserSchema>;

export const contactRequestIdSchema = z.object({ requestId: recordIdSchema });
export type ContactRequestIdInput = z.input<typeof contactRequestIdSchema>;

export const respondContactRequestSchema = contactRequestIdSchema.extend({
  /** true: accept (we become contacts); false: decline. */
  accept: z.boolean({ error: "must be true or false" }),
});
export type RespondContactRequestInput = z.input<typeof respondContactRequestSchema>;
