// One non-streamed answer of the model for the assistant's one-shot requests (smart replies, catch
// up): the whole text, read from the AI SDK's stream within the timeout, and its token usage stored
// as an AssistantReply row (`status` names the kind) whatever the outcome, since the provider was
// asked: the daily budget counts it like an answer in the assistant chat.
import "server-only";
import { streamText } from "ai";
import { db } from "@/lib/db/client";
import type { AssistantConfig } from "./config";
import { estimateTokens } from "./context";
import { assistantModel } from "./provider";

export interface OneShotRequest {
  config: AssistantConfig;
  actorId: string;
  conversationId: string;
  /** The AssistantReply row's status: what the call was for ("suggestions", "catch-up"). */
  kind: string;
  system: string;
  prompt: string;
  maxOutputTokens: number;
  signal?: AbortSignal;
}

/** The model's whole text, or null when the provider failed, timed out or the request was aborted (logged, never thrown). */
export async function completeOnce(request: OneShotRequest): Promise<string | null> {
  const { config, system, prompt, signal } = request;
  let text = "";
  let usage: { inputTokens?: number; outputTokens?: number } = {};
  let failed = false;
  try {
    const result = streamText({
      model: assistantModel(config),
      system,
      messages: [{ role: "user", content: prompt }],
      maxOutputTokens: request.maxOutputTokens,
      maxRetries: 0,
      abortSignal: AbortSignal.any([AbortSignal.timeout(config.timeoutMs), ...(signal ? [signal] : [])]),
      onError: () => {},
    });
    for await (const part of result.fullStream) {
      if (part.type === "text-delta") text += part.text;
      else if (part.type === "finish") usage = { inputTokens: part.totalUsage.inputTokens, outputTokens: part.totalUsage.outputTokens };
      else if (part.type === "error") throw part.error;
      else if (part.type === "abort") failed = true;
    }
  } catch (error) {
    failed = true;
    console.error(`assistant ${request.kind} failed`, error instanceof Error ? error.message : "unknown error");
  }
  await db.assistantReply.create({
    data: {
      userId: request.actorId,
      conversationId: request.conversationId,
      status: request.kind,
      inputTokens: usage.inputTokens ?? estimateTokens(system.length + prompt.length),
      outputTokens: usage.outputTokens ?? estimateTokens(text.length),
      finishedAt: new Date(),
    },
    select: { id: true },
  });
  return failed ? null : text;
}
