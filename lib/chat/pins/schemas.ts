// Input of pin / unpin (zod 4), parsed by the operation itself.
import { z } from "zod";

export const pinMessageSchema = z.object({
  /** true: pin it; false: unpin it. */
  pinned: z.boolean({ error: "must be true or false" }),
});
export type PinMessageInput = z.input<typeof pinMessageSchema>;
