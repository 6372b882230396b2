// Input schema of people search.
import { z } from "zod";
import { NO_NUL, noNul } from "@/lib/chat/kernel/input";

export const PEOPLE_LIMITS = {
  userSearchMax: 20,
  userQueryMax: 100,
} as const;

export const userSearchSchema = z.object({
  query: z
    .string({ error: "is required" })
    .trim()
    .min(1, { message: "is required" })
    .max(PEOPLE_LIMITS.userQueryMax, { message: `must be at most ${PEOPLE_LIMITS.userQueryMax} characters` })
    .refine(noNul, NO_NUL),
});
