// The browser's API client: JSON in and out, errors turned into ApiError (or a Result for forms)
// with the server's user-facing message, field messages and Retry-After (lib/errors ErrorBody), and
// the chat API. Registration and sign-in calls are in ./auth-api.ts and the upload with progress in
// ./uploads.ts, so the chat's first-load JavaScript carries neither. Creating a group and leaving /
// hiding a conversation go through the server actions of app/(chat)/actions.ts instead.
import type { Person } from "@/lib/chat/profiles/dto";
import type { ConversationPage, ConversationSummary } from "@/lib/chat/conversations/dto";
import type { MessageDto, MessagePage } from "@/lib/chat/messages/dto";
import type { MessageInfoDto } from "@/lib/chat/receipts/dto";
import type { MessageSearchPage } from "@/lib/chat/search/dto";
import type { StarredPage } from "@/lib/chat/stars/dto";
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

/** Shown when a request (or a server action call) never got an answer. */
export const NETWORK_MESSAGE = "Network error. Check your connection and try again.";

export async function failureOf(response: Response, data: unknown): Promise<ApiFailure> {
  const error = (data as { error?: Partial<ApiFailure> } | null)?.error;
  const retry = response.headers.get("Retry-After");
  return {
    code: error?.code ?? "internal",
    message: error?.message ?? `Request failed (${response.status}).`,
    ...(error?.fields ? { fields: error.fields } : {}),
    ...(retry ? { retryAfter: Number(retry) } : {}),
  };
}

export async function send(
  method: string,
  url: string,
  init: { body?: BodyInit; json?: unknown; signal?: AbortSignal } = {},
): Promise<Response> {
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

export async function bodyOf(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

export async function request<T>(method: string, url: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const response = await send(method, url, { json: body, signal });
  const data = await bodyOf(response);
  if (!response.ok) throw new ApiError(await failureOf(response, data), response.status);
  return data as T;
}

export const chatApi = {
  listConversations: (cursor?: string, folder: "inbox" | "archived" = "inbox") => {
    const query = new URLSearchParams({ ...(cursor ? { cursor } : {}), ...(folder === "archived" ? { folder } : {}) }).toString();
    return request<ConversationPage>("GET", `/api/conversations${query ? `?${query}` : ""}`);
  },
  getConversation: (id: string) =>
    request<{ conversation: ConversationSummary; messages: MessagePage }>("GET", `/api/conversations/${encodeURIComponent(id)}`),
  messages: (id: string, params: { before?: string; after?: string; around?: string; limit?: string } = {}) => {
    const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v) as [string, string][]).toString();
    return request<MessagePage>("GET", `/api/conversations/${encodeURIComponent(id)}/messages${query ? `?${query}` : ""}`);
  },
  send: (
    conversationId: string,
    input: { id: string; body: string | null; image: string | null; replyToId?: string; attachmentIds?: string[] },
    signal?: AbortSignal,
  ) =>
    request<{ message: MessageDto; created: boolean }>(
      "POST",
      `/api/conversations/${encodeURIComponent(conversationId)}/messages`,
      input,
      signal,
    ),
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
  starred: (cursor?: string) => request<StarredPage>("GET", `/api/starred${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`),
  searchUsers: (query: string, signal?: AbortSignal) =>
    request<{ users: Person[] }>("GET", `/api/users?query=${encodeURIComponent(query)}`, undefined, signal),
};
