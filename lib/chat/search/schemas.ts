// Input schema of message search (zod 4), shared by the route handler and the domain function.
import { z } from "zod";
import { NO_NUL, cursorSchema, noNul, pageLimitSchema, recordIdSchema } from "@/lib/chat/kernel/input";
import { SEARCH_HAS_VALUES, SEARCH_LIMITS } from "./limits";
import { queryWords } from "./normalize";

export { SEARCH_LIMITS };

const dateSchema = z.coerce.date({ error: "must be a date" }).refine((d) => !Number.isNaN(d.getTime()), { message: "must be a date" });

export const messageSearchSchema = z.object({
  q: z
    .string({ error: "is required" })
    .trim()
    .min(SEARCH_LIMITS.queryMin, { message: `must be at least ${SEARCH_LIMITS.queryMin} characters` })
    .max(SEARCH_LIMITS.queryMax, { message: `must be at most ${SEARCH_LIMITS.queryMax} characters` })
    .refine(noNul, NO_NUL)
    .refine((q) => queryWords(q).length > 0, { message: "must contain a word" })
    .refine((q) => queryWords(q).length <= SEARCH_LIMITS.wordsMax, { message: `must have at most ${SEARCH_LIMITS.wordsMax} words` }),
  /** Only this conversation (in-chat search). */
  conversationId: recordIdSchema.optional(),
  /** Only messages sent by this user. */
  from: recordIdSchema.optional(),
  /** Sent before / after these instants (ISO dates). */
  before: dateSchema.optional(),
  after: dateSchema.optional(),
  /** Only messages with an attachment (any kind), a picture, a voice note or a link (lib/chat/search/limits.ts SEARCH_HAS). */
  has: z.enum(SEARCH_HAS_VALUES, { error: `must be one of ${SEARCH_HAS_VALUES.join(", ")}` }).optional(),
  cursor: cursorSchema.optional(),
  limit: pageLimitSchema(SEARCH_LIMITS.pageMax, SEARCH_LIMITS.pageDefault),
});
export type MessageSearchInput = z.input<typeof messageSearchSchema>;
