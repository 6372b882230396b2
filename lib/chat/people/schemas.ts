// Input schema of people search.
import { z } from "zod";
import { NO_NUL, noNul } from "@/lib/chat/kernel/input";
import { PEOPLE_LIMITS } from "./limits";

export { PEOPLE_LIMITS };

export const userSearchSchema = z.object({
  query: z
    .string({ error: "is required" })
    .trim()
    .min(1, { message: "is required" })
    .min(PEOPLE_LIMITS.userQueryMin, { message: `must be at least ${PEOPLE_LIMITS.userQueryMin} characters` })
    .max(PEOPLE_LIMITS.userQueryMax, { message: `must be at most ${PEOPLE_LIMITS.userQueryMax} characters` })
    .refine(noNul, NO_NUL),
});
