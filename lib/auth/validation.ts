// Input rules for accounts, shared by the forms (browser) and the server (which re-validates).
// No server-only imports here: this module ships to the browser.
import { z } from "zod";
import { usernameSchema } from "@/lib/chat/profiles/schemas";
import { isCommonPassword } from "./common-passwords";

export const PASSWORD_MIN_LENGTH = 8;
/** bcrypt only reads the first 72 bytes: longer passwords are refused rather than silently truncated. */
export const PASSWORD_MAX_BYTES = 72;
export const NAME_MAX_LENGTH = 50;

const utf8Length = (value: string) => new TextEncoder().encode(value).length;

export const emailSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address.")
  .max(254, "Email addresses are at most 254 characters.")
  .pipe(z.email({ error: "Enter a valid email address." }));

export const newPasswordSchema = z
  .string({ error: "Choose a password." })
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .refine((value) => utf8Length(value) <= PASSWORD_MAX_BYTES, {
    message: `Use at most ${PASSWORD_MAX_BYTES} bytes (about ${PASSWORD_MAX_BYTES} letters, fewer with accents or emoji).`,
  })
  .refine((value) => !isCommonPassword(value), { message: "This password is too common. Choose another." });

export const displayNameSchema = z
  .string({ error: "Enter your name." })
  .trim()
  .min(1, "Enter your name.")
  .max(NAME_MAX_LENGTH, `Names are at most ${NAME_MAX_LENGTH} characters.`)
  .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), { message: "Names cannot contain control characters." })
  // Lone UTF-16 surrogates are not text: the database cannot store them.
  .refine((value) => value.isWellFormed(), { message: "Names must be valid text." });

export const registerSchema = z.object({
  name: displayNameSchema,
  email: emailSchema,
  password: newPasswordSchema,
  /** Optional at sign-up (issue 15): settings asks for one later. An empty value is none. */
  username: z.preprocess((value) => (value === "" ? undefined : value), usernameSchema.optional()),
});
export type RegisterInput = z.infer<typeof registerSchema>;

/** Sign-in only checks shape: policy applies to new passwords, not to existing ones. */
export const signInSchema = z.object({
  email: emailSchema,
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(1024),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "Enter your current password." }).min(1, "Enter your current password.").max(1024),
    newPassword: newPasswordSchema,
  })
  .refine((value) => value.currentPassword !== value.newPassword, {
    path: ["newPassword"],
    message: "Choose a password different from the current one.",
  });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

/** Field name → messages, the shape AppError.fields and the forms use. */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.map(String).join(".") : "form";
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

/** Only same-site paths, so a crafted link cannot send a user elsewhere after signing in. */
export function safeCallbackPath(raw: string | null | undefined, fallback = "/chat", origin?: string): string {
  // NextAuth hands back absolute URLs of this site (…?callbackUrl=http://host/chat): keep their path.
  if (raw && origin && /^https?:\/\//i.test(raw)) {
    try {
      const url = new URL(raw);
      if (url.origin !== origin) return fallback;
      raw = `${url.pathname}${url.search}`;
    } catch {
      return fallback;
    }
  }
  if (!raw || !raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f]/.test(raw)) return fallback;
  if (raw.startsWith("/sign-in") || raw.startsWith("/sign-up") || raw.startsWith("/api/")) return fallback;
  return raw;
}
