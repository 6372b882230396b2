// Browser-side calls to the auth endpoints. Credentials sign-in talks to NextAuth's callback route
// directly (as next-auth/react's signIn does) so that a 429 from the rate limiter reaches the form.
export interface ApiError {
  code: string;
  message: string;
  fields?: Record<string, string[]>;
  retryAfter?: number;
}

export type Result<T = undefined> = { ok: true; value: T } | { ok: false; error: ApiError };

async function readError(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as { error?: ApiError } | null;
  const retry = response.headers.get("Retry-After");
  return {
    code: body?.error?.code ?? "internal",
    message: body?.error?.message ?? "Something went wrong. Please try again.",
    fields: body?.error?.fields,
    retryAfter: retry ? Number(retry) : undefined,
  };
}

/** Signs in with email + password; on success the session cookie is set. */
export async function signInWithPassword(email: string, password: string, callbackUrl: string): Promise<Result<string>> {
  const csrf = (await fetch("/api/auth/csrf", { cache: "no-store" }).then((r) => r.json())) as { csrfToken: string };
  const response = await fetch("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password, csrfToken: csrf.csrfToken, callbackUrl, json: "true" }),
  });
  if (!response.ok && response.status !== 401) return { ok: false, error: await readError(response) };
  const data = (await response.json().catch(() => ({}))) as { url?: string };
  const url = data.url ? new URL(data.url, window.location.origin) : null;
  if (!url || url.searchParams.has("error")) {
    // Deliberately the same message for unknown email, wrong password and OAuth-only accounts.
    return { ok: false, error: { code: "invalid_credentials", message: "Wrong email or password." } };
  }
  return { ok: true, value: callbackUrl };
}

export async function sendJson(url: string, body: unknown): Promise<Result<unknown>> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) return { ok: false, error: await readError(response) };
  return { ok: true, value: response.status === 204 ? undefined : await response.json() };
}

export async function sendForm(url: string, body: FormData): Promise<Result<unknown>> {
  const response = await fetch(url, { method: "POST", body });
  if (!response.ok) return { ok: false, error: await readError(response) };
  return { ok: true, value: await response.json() };
}
