// Inputs of my public profile details (issue 15): username and about line (zod 4, browser-safe:
// the settings form and sign-up show the same messages the server answers).
import { z } from "zod";
import { PROFILE_LIMITS, RESERVED_USERNAMES, USERNAME_PATTERN, normalizeUsername } from "./limits";

const { usernameMin, usernameMax, aboutMax } = PROFILE_LIMITS;

/** A username as typed ("@Ada_L" is "ada_l"): 3–30 of a–z, 0–9, "_" and ".", not a reserved word. */
export const usernameSchema = z
  .string({ error: "Choose a username." })
  .transform(normalizeUsername)
  .pipe(
    z
      .string()
      .min(usernameMin, `Usernames are at least ${usernameMin} characters.`)
      .max(usernameMax, `Usernames are at most ${usernameMax} characters.`)
      .regex(USERNAME_PATTERN, "Use only letters, digits, underscores (_) and dots (.).")
      .refine((value) => !value.startsWith(".") && !value.endsWith("."), { message: "A username cannot start or end with a dot." })
      .refine((value) => !RESERVED_USERNAMES.has(value), { message: "This username is reserved. Choose another." }),
  );

export const aboutSchema = z
  .string({ error: "must be text" })
  .trim()
  .max(aboutMax, `The about line is at most ${aboutMax} characters.`)
  .refine((value) => !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(value), { message: "The about line cannot contain control characters." })
  .refine((value) => value.isWellFormed(), { message: "The about line must be valid text." });

/** An empty username or about clears it; a field left out stays as it is. */
export const profileDetailsSchema = z.object({
  username: z
    .preprocess((value) => (typeof value === "string" && normalizeUsername(value) === "" ? null : value), usernameSchema.nullable())
    .optional(),
  about: aboutSchema.transform((value) => (value === "" ? null : value)).optional(),
});
export type ProfileDetailsInput = z.input<typeof profileDetailsSchema>;
