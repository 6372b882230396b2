// Registration, sign-in and account calls of the auth pages (components/auth): the failure as a
// value for the form to show (Result). Apart from ./api.ts so the chat's bundle does not carry them.
import type { SafeUser } from "@/lib/chat/kernel/dto";
import { ApiError, bodyOf, failureOf, request, send, type ApiFailure } from "./api";

/** For forms: a value, or the failure to show beside the fields. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiFailure };

/** request() for forms: the failure as a value (its field messages and Retry-After included). */
async function attempt<T>(run: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (error instanceof ApiError) {
      return { ok: false, error: { code: error.code, message: error.message, fields: error.fields, retryAfter: error.retryAfter } };
    }
    throw error;
  }
}

export const authApi = {
  register: (input: { name: string; email: string; password: string; username?: string }) =>
    attempt(() => request<{ user: SafeUser }>("POST", "/api/auth/register", input)),

  /**
   * Signs in with email + password; on success the session cookie is set and the value is where to
   * go. Talks to NextAuth's callback route directly (as next-auth/react's signIn does) so that a 429
   * from the sign-in limits reaches the form.
   */
  signInWithPassword: (email: string, password: string, callbackUrl: string, totp?: string) =>
    signInWith("credentials", { email, password, ...(totp ? { totp } : {}) }, callbackUrl, "Wrong email or password."),

  /** Signs in with an e-mailed 6-digit code (NextAuth's "email-code" provider), like signInWithPassword. */
  signInWithCode: (email: string, code: string, callbackUrl: string, totp?: string) =>
    signInWith(
      "email-code",
      { email, code, ...(totp ? { totp } : {}) },
      callbackUrl,
      "That code is wrong or no longer valid. Check the newest e-mail, or ask for a new code.",
    ),

  requestSignInCode: (email: string) => attempt(() => request<{ message: string }>("POST", "/api/account/sign-in-code", { email })),
  requestPasswordReset: (email: string) =>
    attempt(() => request<{ message: string }>("POST", "/api/account/password-reset/request", { email })),
  resetPassword: (token: string, password: string) =>
    attempt(() => request<{ ok: true }>("POST", "/api/account/password-reset", { token, password })),
  /** The second factor of an OAuth sign-in that asks for one: a right code turns the cookie into a session. */
  verifyTwoFactor: (code: string) => attempt(() => request<{ ok: true }>("POST", "/api/account/two-factor/verify", { code })),
  verifyEmail: (token: string) => attempt(() => request<{ ok: true }>("POST", "/api/account/verify-email", { token })),
  resendVerification: () =>
    attempt(() => request<{ state: "verified" | "unverified" | "no-email" }>("POST", "/api/account/verify-email/resend")),
};

async function signInWith(
  provider: "credentials" | "email-code",
  fields: Record<string, string>,
  callbackUrl: string,
  failure: string,
): Promise<Result<string>> {
  const csrf = (await (await send("GET", "/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await send("POST", `/api/auth/callback/${provider}`, {
    body: new URLSearchParams({ ...fields, csrfToken: csrf.csrfToken, callbackUrl, json: "true" }),
  });
  const data = await bodyOf(response);
  if (!response.ok && response.status !== 401) return { ok: false, error: await failureOf(response, data) };
  const target = (data as { url?: string } | null)?.url;
  const url = target ? new URL(target, window.location.origin) : null;
  const refusal = url?.searchParams.get("error");
  if (refusal === "TwoFactorRequired") {
    return {
      ok: false,
      error: { code: "two_factor_required", message: "Enter the code from your authenticator app, or a recovery code." },
    };
  }
  if (refusal === "TwoFactorWrong") {
    return {
      ok: false,
      error: { code: "two_factor_wrong", message: "That authentication code is wrong. Try the newest code, or a recovery code." },
    };
  }
  if (!url || url.searchParams.has("error")) {
    // Deliberately one message for every failure (unknown email, wrong secret, OAuth-only account).
    return { ok: false, error: { code: "invalid_credentials", message: failure } };
  }
  return { ok: true, value: callbackUrl };
}
