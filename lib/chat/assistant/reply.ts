// A streaming assistant reply. The text streams to the asking tab as NDJSON lines (dto.ts
// ReplyLine) and, throttled, to the asker's own user channel as `assistant:progress` (their other
// tabs); it becomes a message only when it is complete: the bot's message is written by the normal
// send (one transaction) and published by the one after-commit step. Stopped: the text so far
// becomes the message. Failed or timed out: no message, a clear error line.
import "server-only";
import { streamText } from "ai";
import { db } from "@/lib/db/client";
import { command, outcome, type DomainEvent } from "@/lib/chat/kernel/events";
import { newMessageId } from "@/lib/chat/kernel/ids";
import { sendMessage } from "@/lib/chat/messages/send";
import { MESSAGE_LIMITS } from "@/lib/chat/messages/limits";
import type { MessageDto } from "@/lib/chat/messages/dto";
import { MESSAGE_ACTION_EVENTS } from "@/lib/chat/message-actions/events";
import { conversationChannel, userChannel } from "@/lib/realtime/channels";
import { publishAll } from "@/lib/realtime/publisher";
import { serverEnv } from "@/lib/config/env";
import type { AssistantConfig } from "./config";
import { estimateTokens, SYSTEM_PROMPT, toMessageBody, type ContextMessage } from "./context";
import type { ReplyLine } from "./dto";
import { eventTail } from "./event-tail";
import { ASSISTANT_EVENTS } from "./events";
import { prepareReply, type PreparedReply } from "./operations";
import { assistantModel } from "./provider";
import type { ReplyRequestInput } from "./schemas";

/** At most one progress event per this many milliseconds. */
export const PROGRESS_INTERVAL_MS = 400;
/** Output tokens of one reply at most (a message holds MESSAGE_LIMITS.messageBodyMax characters). */
const MAX_OUTPUT_TOKENS = 800;

export const PROVIDER_FAILED_MESSAGE =
  "The assistant could not answer right now (the AI provider failed). Your message is kept: try again.";
export const TIMEOUT_MESSAGE = "The assistant took too long to answer. Your message is kept: try again.";

export type Ending = { status: "done" | "stopped"; text: string } | { status: "failed"; text: string };

/** What ending a reply needs: `inChat` for an `@ai` answer (the bot is not a member there). */
export type FinishTarget = Pick<PreparedReply, "replyId" | "botId" | "conversationId" | "replaces"> & { inChat?: boolean };

/**
 * Ends a reply: its token counts first (the budget holds even if the message write fails), then
 * the bot's message through the normal send (one transaction; events after commit) and, when it
 * regenerates, the answer it replaces deleted for everyone.
 */
export const finishReply = command(async (prepared: FinishTarget, ending: Ending, usage: { inputTokens: number; outputTokens: number }) => {
  const { replyId, botId, conversationId, replaces } = prepared;
  const body = toMessageBody(ending.text, MESSAGE_LIMITS.messageBodyMax);
  const kept = ending.status !== "failed" && body.length > 0;
  // The status moves on only with the message id: a reply is `done`/`stopped` once its message exists.
  await db.assistantReply.update({
    where: { id: replyId },
    data: kept ? usage : { ...usage, status: ending.status, finishedAt: new Date() },
    select: { id: true },
  });
  if (!kept) return outcome<MessageDto | null>(null);
  const id = newMessageId(serverEnv().databaseProvider);
  const sent = await sendMessage.run(botId, conversationId, { id, body }, { asAssistant: prepared.inChat === true });
  const events: DomainEvent[] = [...sent.events];
  const writes: Promise<unknown>[] = [
    db.assistantReply.update({
      where: { id: replyId },
      data: { messageId: id, status: ending.status, finishedAt: new Date() },
      select: { id: true },
    }),
  ];
  if (replaces) {
    // Regenerated: the previous answer becomes a tombstone, as a delete for everyone does.
    writes.push(
      db.message.updateMany({
        where: { id: replaces, conversationId, senderId: botId, deletedAt: null },
        data: { body: null, image: null, searchText: null, editedAt: null, deletedAt: new Date(), deletedById: botId },
      }),
    );
    events.push({
      channels: conversationChannel(conversationId),
      event: MESSAGE_ACTION_EVENTS.messageUpdate,
      payload: { id: replaces, conversationId, deleted: true },
    });
  }
  await Promise.all(writes);
  return outcome<MessageDto | null>(sent.result.message, events);
});

function progressEvent(prepared: PreparedReply, actorId: string, text: string, done: boolean) {
  return {
    channels: userChannel(actorId),
    event: ASSISTANT_EVENTS.assistantProgress,
    payload: { conversationId: prepared.conversationId, replyId: prepared.replyId, text: eventTail(text), done },
  };
}

export interface Generated {
  text: string;
  /** Tokens in and out: the provider's counts, else estimated from the characters. */
  usage: { inputTokens: number; outputTokens: number };
  /** What to tell the user when the provider failed or timed out; null otherwise. */
  failure: string | null;
  /** `stop` ended it (the text so far is kept). */
  stopped: boolean;
}

/**
 * Streams one answer from the model within the timeout, handing every delta to `onDelta`; never
 * throws (a failure or timeout is `failure`). Shared by the assistant chat's reply and `@ai`.
 */
export async function generateAnswer(request: {
  config: AssistantConfig;
  system: string;
  messages: ContextMessage[];
  stop: AbortSignal;
  onDelta: (delta: string, text: string) => void;
}): Promise<Generated> {
  const { config, system, messages, stop } = request;
  const timeout = AbortSignal.timeout(config.timeoutMs);
  let text = "";
  let usage: { inputTokens?: number; outputTokens?: number } = {};
  let failure: string | null = null;
  try {
    const result = streamText({
      model: assistantModel(config),
      system,
      messages,
      maxOutputTokens: MAX_OUTPUT_TOKENS,
      maxRetries: 0,
      abortSignal: AbortSignal.any([stop, timeout]),
      onError: () => {},
    });
    for await (const part of result.fullStream) {
      if (part.type === "text-delta") {
        text += part.text;
        request.onDelta(part.text, text);
      } else if (part.type === "finish") {
        usage = { inputTokens: part.totalUsage.inputTokens, outputTokens: part.totalUsage.outputTokens };
      } else if (part.type === "error") {
        throw part.error;
      } else if (part.type === "abort") {
        break;
      }
    }
  } catch (error) {
    if (!stop.aborted) {
      failure = timeout.aborted ? TIMEOUT_MESSAGE : PROVIDER_FAILED_MESSAGE;
      if (!timeout.aborted) console.error("assistant reply failed", error instanceof Error ? error.message : "unknown error");
    }
  }
  // The SDK ends an aborted stream with an `abort` part rather than an error: a timeout is a failure.
  if (failure === null && timeout.aborted && !stop.aborted) failure = TIMEOUT_MESSAGE;
  const promptChars = messages.reduce((n, m) => n + m.content.length, system.length);
  return {
    text,
    usage: {
      inputTokens: usage.inputTokens ?? estimateTokens(promptChars),
      outputTokens: usage.outputTokens ?? estimateTokens(text.length),
    },
    failure,
    stopped: failure === null && stop.aborted,
  };
}

/**
 * Checks and prepares a reply (throws the usual AppErrors: 404, 409, 429, 400 before anything
 * streams), then returns the NDJSON stream of it. `signal` (the request's) or cancelling the
 * stream stops the reply: what was generated so far is kept as the message.
 */
export async function streamAssistantReply(
  actorId: string,
  input: ReplyRequestInput | Record<string, unknown>,
  signal?: AbortSignal,
): Promise<ReadableStream<Uint8Array>> {
  const prepared = await prepareReply(actorId, input);
  const stop = new AbortController();
  const stopNow = () => stop.abort();
  signal?.addEventListener("abort", stopNow, { once: true });
  const encoder = new TextEncoder();

  return new ReadableStream<Uint8Array>({
    async start(out) {
      const write = (line: ReplyLine) => {
        try {
          out.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
        } catch {
          // The client went away (stopped): the reply still ends and is stored.
        }
      };
      write({ type: "start", replyId: prepared.replyId, replaces: prepared.replaces });
      let lastProgress = 0;
      const { text, usage, failure, stopped } = await generateAnswer({
        config: prepared.config,
        system: SYSTEM_PROMPT,
        messages: prepared.context,
        stop: stop.signal,
        onDelta: (delta, soFar) => {
          write({ type: "delta", text: delta });
          const now = Date.now();
          if (now - lastProgress >= PROGRESS_INTERVAL_MS) {
            lastProgress = now;
            void publishAll([progressEvent(prepared, actorId, soFar, false)]).catch(() => {});
          }
        },
      });
      signal?.removeEventListener("abort", stopNow);
      const ending: Ending = failure ? { status: "failed", text } : { status: stopped ? "stopped" : "done", text };
      try {
        const message = await finishReply(prepared, ending, usage);
        if (failure) write({ type: "error", message: failure });
        else write({ type: "done", status: stopped ? "stopped" : "done", message });
      } catch (error) {
        console.error("assistant reply could not be stored", error instanceof Error ? error.message : "unknown error");
        write({ type: "error", message: "The answer could not be saved. Try again." });
      }
      void publishAll([progressEvent(prepared, actorId, "", true)]).catch(() => {});
      try {
        out.close();
      } catch {
        // Already cancelled by the client.
      }
    },
    cancel() {
      stop.abort();
    },
  });
}
