// The browser's one API client: JSON in and out, errors turned into ApiError (or a Result for
// forms) with the server's user-facing message, field messages and Retry-After (lib/errors
// ErrorBody); the chat API, registration and password sign-in, and an upload with progress (XHR,
// since fetch cannot report upload progress). Creating a group and leaving / hiding a conversation go
// through the server actions of app/(chat)/actions.ts instead.
import type { ConversationPage, ConversationSummary } from "@/lib/chat/conversations/dto";
import type { MessageDto, MessagePage } from "@/lib/chat/messages/dto";
import type { MessageInfoDto } from "@/lib/chat/receipts/dto";
import type { SafeUser } from "@/lib/chat/kernel/dto";
import type { MessageSearchPage } from "@/lib/chat/search/dto";
import type { SearchHas } from "@/lib/chat/search/limits";

/** What the server says about a refused request (lib/errors ErrorBody) plus Retry-After. */
export interface ApiFailure {
  code: string;
  message: string;
  fields?: Record<string, string[]>;
  /** Seconds, on 429. */
  retryAfter?: number;
}

export class ApiError extends Error {
  readonly code: string;
  readonly fields?: Record<string, string[]>;
  readonly retryAfter?: number;
  constructor(
    failure: ApiFailure,
    readonly status: number,
  ) {
    super(failure.message);
    this.name = "ApiError";
    this.code = failure.code;
    this.fields = failure.fields;
    this.retryAfter = failure.retryAfter;
  }
}

/** For forms: a value, or the failure to show beside the fields. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiFailure };

/** Shown when a request (or a server action call) never got an answer. */
export const NETWORK_MESSAGE = "Network error. Check your connection and try again.";

async function failureOf(response: Response, data: unknown): Promise<ApiFailure> {
  const error = (data as { error?: Partial<ApiFailure> } | null)?.error;
  const retry = response.headers.get("Retry-After");
  return {
    code: error?.code ?? "internal",
    message: error?.message ?? `Request failed (${response.status}).`,
    ...(error?.fields ? { fields: error.fields } : {}),
    ...(retry ? { retryAfter: Number(retry) } : {}),
  };
}

async function send(method: string, url: string, init: { body?: BodyInit; json?: unknown; signal?: AbortSignal } = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (init.json !== undefined) headers["Content-Type"] = "application/json";
  try {
    return await fetch(url, {
      method,
      headers,
      body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
      credentials: "same-origin",
      cache: "no-store",
      signal: init.signal,
    });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new ApiError({ code: "network", message: NETWORK_MESSAGE }, 0);
  }
}

async function bodyOf(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

async function request<T>(method: string, url: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const response = await send(method, url, { json: body, signal });
  const data = await bodyOf(response);
  if (!response.ok) throw new ApiError(await failureOf(response, data), response.status);
  return data as T;
}

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

export const chatApi = {
  listConversations: (cursor?: string) =>
    request<ConversationPage>("GET", `/api/conversations${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`),
  getConversation: (id: string) =>
    request<{ conversation: ConversationSummary; messages: MessagePage }>("GET", `/api/conversations/${encodeURIComponent(id)}`),
  messages: (id: string, params: { before?: string; after?: string; around?: string; limit?: string } = {}) => {
    const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v) as [string, string][]).toString();
    return request<MessagePage>("GET", `/api/conversations/${encodeURIComponent(id)}/messages${query ? `?${query}` : ""}`);
  },
  send: (conversationId: string, input: { id: string; body: string | null; image: string | null; replyToId?: string }) =>
    request<{ message: MessageDto; created: boolean }>("POST", `/api/conversations/${encodeURIComponent(conversationId)}/messages`, input),
  searchMessages: (
    params: {
      q: string;
      conversationId?: string;
      from?: string;
      after?: string;
      before?: string;
      has?: SearchHas;
      cursor?: string;
      limit?: number;
    },
    signal?: AbortSignal,
  ) => {
    const query = new URLSearchParams(
      Object.entries(params)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, String(v)]),
    ).toString();
    return request<MessageSearchPage>("GET", `/api/search?${query}`, undefined, signal);
  },
  markDelivered: (items: { conversationId: string; upTo: string }[]) =>
    request<{ delivered: number }>("POST", "/api/receipts/delivered", { items }),
  messageInfo: (conversationId: string, messageId: string) =>
    request<MessageInfoDto>(
      "GET",
      `/api/conversations/${encodeURIComponent(conversationId)}/messages/${encodeURIComponent(messageId)}/info`,
    ),
  searchUsers: (query: string, signal?: AbortSignal) =>
    request<{ users: SafeUser[] }>("GET", `/api/users?query=${encodeURIComponent(query)}`, undefined, signal),
};

export interface UploadedImage {
  url: string;
  thumbnailUrl: string;
  width: number;
  height: number;
}

/** Uploads an image to POST /api/uploads, reporting progress (0..1). */
export function uploadImage(file: Blob, onProgress: (fraction: number) => void): Promise<UploadedImage> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/uploads");
    xhr.responseType = "json";
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      const data = xhr.response as (UploadedImage & { error?: { message?: string; code?: string } }) | null;
      if (xhr.status >= 200 && xhr.status < 300 && data?.url) {
        onProgress(1);
        resolve(data);
      } else {
        reject(
          new ApiError(
            { message: data?.error?.message ?? `Upload failed (${xhr.status}).`, code: data?.error?.code ?? "internal" },
            xhr.status,
          ),
        );
      }
    };
    xhr.onerror = () => reject(new ApiError({ code: "network", message: NETWORK_MESSAGE }, 0));
    xhr.onabort = () => reject(new ApiError({ code: "aborted", message: "Upload cancelled." }, 0));
    const form = new FormData();
    form.append("file", file);
    xhr.send(form);
  });
}

/** The thumbnail URL our upload route stores next to an image (same name + "-thumb.webp"). */
export function thumbnailOf(url: string): string | null {
  const match = /^(\/api\/uploads\/msg-[0-9a-f-]+)\.(png|jpg|gif|webp)$/i.exec(url);
  return match ? `${match[1]}-thumb.webp` : null;
}

export const authApi = {
  register: (input: { name: string; email: string; password: string }) =>
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
