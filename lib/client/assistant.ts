// Browser side of the assistant: turning it on or off, and reading a streaming reply (NDJSON lines
// of POST /api/assistant/reply). Loaded with the assistant's UI only (settings, the assistant chat).
import { replyLineSchema, type AssistantStatus, type ReplyLine } from "@/lib/chat/assistant/dto";

async function errorMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    return body.error?.message ?? `Request failed (${response.status}).`;
  } catch {
    return `Request failed (${response.status}).`;
  }
}

export async function setAssistantEnabled(enabled: boolean): Promise<AssistantStatus> {
  const response = await fetch("/api/assistant", {
    method: "PUT",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ enabled }),
  });
  if (!response.ok) throw new Error(await errorMessage(response));
  return (await response.json()) as AssistantStatus;
}

/**
 * Asks for a reply in my assistant chat and calls `onLine` for each line as it arrives. Resolves
 * when the stream ends; a refusal before streaming (429 budget, 404, …) rejects with its message.
 * Aborting `signal` stops the reply (the server keeps the text so far as the message).
 */
export async function streamReply(
  conversationId: string,
  regenerate: boolean,
  signal: AbortSignal,
  onLine: (line: ReplyLine) => void,
): Promise<void> {
  const response = await fetch("/api/assistant/reply", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ conversationId, regenerate }),
    signal,
  });
  if (!response.ok || !response.body) throw new Error(await errorMessage(response));
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let pending = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    pending += value;
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      if (!line) continue;
      const parsed = replyLineSchema.safeParse(JSON.parse(line));
      if (parsed.success) onLine(parsed.data);
    }
  }
}
