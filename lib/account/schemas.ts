// Inputs of the account lifecycle, shared by the forms (browser) and the server (which re-validates).
import { z } from "zod";
import { emailSchema, newPasswordSchema } from "@/lib/auth/validation";

/** A link token as mailed: 32 random bytes, base64url. Anything else is simply not a live token. */
export const linkTokenSchema = z.string({ error: "This link is incomplete." }).trim().min(1, "This link is incomplete.").max(200);

export const emailRequestSchema = z.object({ email: emailSchema });

export const resetPasswordSchema = z.object({ token: linkTokenSchema, password: newPasswordSchema });
export type ResetPasswordInput = z.infer<typeof resetPasswordSchema>;

export const verifyEmailSchema = z.object({ token: linkTokenSchema });

export const signInCodeSchema = z.object({
  email: emailSchema,
  code: z
    .string({ error: "Enter the 6-digit code." })
    .trim()
    .transform((value) => value.replace(/\s+/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code from the e-mail.")),
});

/**
 * "Delete my account": the password for an account that has one, otherwise the 6-digit code we
 * e-mailed; and whether the messages I sent go too.
 */
export const deleteAccountSchema = z.object({
  password: z.string().max(200).optional(),
  code: z
    .string()
    .trim()
    .transform((value) => value.replace(/\s+/g, ""))
    .optional(),
  deleteMessages: z.boolean().optional().default(false),
});
export type DeleteAccountInput = z.input<typeof deleteAccountSchema>;
