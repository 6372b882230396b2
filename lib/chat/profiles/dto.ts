// What my profile details and another person's public profile look like (browser-safe, zod/mini).
import * as z from "zod/mini";
import { safeUserSchema } from "@/lib/chat/kernel/dto";

export const profileDetailsSchema = z.object({ username: z.nullable(z.string()), about: z.nullable(z.string()) });
export type ProfileDetails = z.infer<typeof profileDetailsSchema>;

/**
 * A person as people search and the contacts list show them: the safe user, their username, and
 * their about line (null when they have none or do not show it to this reader).
 */
export const personSchema = z.extend(safeUserSchema, { username: z.nullable(z.string()), about: z.nullable(z.string()) });
export type Person = z.infer<typeof personSchema>;
