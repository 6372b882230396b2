// Browser side of the assistant: turning it (and smart replies) on or off, asking for smart replies or a catch-up summary, and reading a streaming reply (NDJSON lines
// of POST /api/assistant/reply). Loaded with the assistant's UI only (settings, the assistant chat).
// Requests and refusals go through the one API client (./api.ts: ApiError with the server's message).
import {
  catchUpSchema,
  replyLineSchema,
  suggestionsSchema,
  type AssistantStatus,
  type CatchUp,
  type ReplyLine,
  type Suggestions,
} from "@/lib/chat/assistant/dto";
import { ApiError, bodyOf, failureOf, request, send } from "@/lib/client/api";

export function setAssistantEnabled(enabled: boolean): Promise<AssistantStatus> {
  return request<AssistantStatus>("PUT", "/api/assistant", { enabled });
}

export function setSmartRepliesEnabled(enabled: boolean): Promise<AssistantStatus> {
  return request<AssistantStatus>("PUT", "/api/assistant/smart-replies", { enabled });
}

/** Smart replies for the newest message of a chat (validated; an unexpected shape is an error). */
export async function fetchSuggestions(conversationId: string, signal: AbortSignal): Promise<Suggestions> {
  const parsed = suggestionsSchema.safeParse(await request<unknown>("POST", "/api/assistant/suggestions", { conversationId }, signal));
  if (!parsed.success) throw new Error("Smart replies answered in an unexpected form.");
  return parsed.data;
}

/** A summary of my unread messages in a chat, from the first one I had not read when I opened it (validated). */
export async function fetchCatchUp(conversationId: string, fromMessageId: string, signal: AbortSignal): Promise<CatchUp> {
  const parsed = catchUpSchema.safeParse(
    await request<unknown>("POST", "/api/assistant/catch-up", { conversationId, fromMessageId }, signal),
  );
  if (!parsed.success) throw new Error("The summary came back in an unexpected form.");
  return parsed.data;
}

/** One NDJSON line, or null when it is not a line of the reply's shape. */
function parseLine(line: string): ReplyLine | null {
  try {
    const parsed = replyLineSchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Asks for a reply in my assistant chat and calls `onLine` for each line as it arrives. Resolves
 * when the stream ends; a refusal before streaming (429 budget, 404, …) rejects with an ApiError
 * carrying the server's message. Aborting `signal` stops the reply (the server keeps the text so
 * far as the message).
 */
export async function streamReply(
  conversationId: string,
  regenerate: boolean,
  signal: AbortSignal,
  onLine: (line: ReplyLine) => void,
): Promise<void> {
  const response = await send("POST", "/api/assistant/reply", { json: { conversationId, regenerate }, signal });
  if (!response.ok || !response.body) {
    throw new ApiError(await failureOf(response, await bodyOf(response)), response.status);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let pending = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    pending += value;
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      const parsed = line ? parseLine(line) : null;
      if (parsed) onLine(parsed);
    }
  }
}
