// Inputs of blocking (zod 4), parsed by the domain functions themselves.
import { z } from "zod";
import { recordIdSchema } from "@/lib/chat/kernel/input";

export const setBlockedSchema = z.object({
  userId: recordIdSchema,
  /** true: block them; false: unblock them. */
  blocked: z.boolean({ error: "must be true or false" }),
});
export type SetBlockedInput = z.input<typeof setBlockedSchema>;
