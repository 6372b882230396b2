// Browser fetch helpers for the chat API: JSON in and out, errors turned into ApiError with the
// server's user-facing message (lib/errors ErrorBody), and an upload with progress (XHR, since
// fetch cannot report upload progress). Creating a group and leaving / hiding a conversation go
// through the server actions of app/(chat)/actions.ts instead.
import type { ConversationPage, ConversationSummary } from "@/lib/chat/conversations/dto";
import type { MessageDto, MessagePage } from "@/lib/chat/messages/dto";
import type { SafeUser } from "@/lib/chat/kernel/dto";

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Shown when a request (or a server action call) never got an answer. */
export const NETWORK_MESSAGE = "Network error. Check your connection and try again.";

async function request<T>(method: string, url: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? { Accept: "application/json" } : { Accept: "application/json", "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
      cache: "no-store",
      signal,
    });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new ApiError(NETWORK_MESSAGE, 0, "network");
  }
  const text = await response.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const error = (data as { error?: { message?: string; code?: string } } | null)?.error;
    throw new ApiError(error?.message ?? `Request failed (${response.status}).`, response.status, error?.code ?? "internal");
  }
  return data as T;
}

export const chatApi = {
  listConversations: (cursor?: string) =>
    request<ConversationPage>("GET", `/api/conversations${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`),
  getConversation: (id: string) =>
    request<{ conversation: ConversationSummary; messages: MessagePage }>("GET", `/api/conversations/${encodeURIComponent(id)}`),
  messages: (id: string, params: { before?: string; after?: string } = {}) => {
    const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v) as [string, string][]).toString();
    return request<MessagePage>("GET", `/api/conversations/${encodeURIComponent(id)}/messages${query ? `?${query}` : ""}`);
  },
  send: (conversationId: string, input: { id: string; body: string | null; image: string | null }) =>
    request<{ message: MessageDto; created: boolean }>("POST", `/api/conversations/${encodeURIComponent(conversationId)}/messages`, input),
  markSeen: (conversationId: string, messageId: string) =>
    request<{ seenCount: number; unreadCount: number }>("POST", `/api/conversations/${encodeURIComponent(conversationId)}/seen`, {
      messageId,
    }),
  startDirect: (userId: string) =>
    request<{ conversation: ConversationSummary; created: boolean }>("POST", "/api/conversations", { type: "direct", userId }),
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
        reject(new ApiError(data?.error?.message ?? `Upload failed (${xhr.status}).`, xhr.status, data?.error?.code ?? "internal"));
      }
    };
    xhr.onerror = () => reject(new ApiError(NETWORK_MESSAGE, 0, "network"));
    xhr.onabort = () => reject(new ApiError("Upload cancelled.", 0, "aborted"));
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
