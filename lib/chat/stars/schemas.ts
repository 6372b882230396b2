// Inputs of starring (zod 4), parsed by the domain functions themselves.
import { z } from "zod";
import { cursorSchema, pageLimitSchema } from "@/lib/chat/kernel/input";
import { STAR_LIMITS } from "./limits";

export const starMessageSchema = z.object({
  /** true: star it; false: unstar it. */
  starred: z.boolean({ error: "must be true or false" }),
});
export type StarMessageInput = z.input<typeof starMessageSchema>;

export const starredPageSchema = z.object({
  cursor: cursorSchema.optional(),
  limit: pageLimitSchema(STAR_LIMITS.pageMax, STAR_LIMITS.pageDefault),
});
export type StarredPageInput = z.input<typeof starredPageSchema>;
