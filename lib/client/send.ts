"use client";
// Optimistic sending. The message appears at once under a client-generated id (the id the send
// API stores, so a retry can never create a second message); an attached image uploads first
// (with progress). A failure turns the message into "failed — retry"; retry re-runs the missing
// steps with the same id. Server copies (API answer or realtime event) replace it by id.
// Messages without a file to upload go through the outbox (./outbox.ts, issue 16): kept in this
// browser per user until the server confirms them, "queued" (clock) while there is no connection
// and sent automatically, in order, when it returns (startOutbox: online event, realtime
// reconnect, page load). A message whose image could not be uploaded stays "failed" with Retry.
import type { UiMessage } from "./store";
import type { UploadingFile } from "./store/types";
import type { MessageStore } from "./store/message-slices";
import { previewOf } from "./store";
import { newMessageId } from "@/lib/chat/kernel/ids";
import { REPLY_SNIPPET_LENGTH, type ReplySnippet } from "@/lib/chat/messages/dto";
import { ApiError, chatApi } from "./api";
import { flushOutbox, openOutbox, serialFlusher, type Outbox, type OutboxEntry, type SendOutcome } from "./outbox";
import { uploadImage } from "./uploads";
import type { AttachmentDto } from "@/lib/chat/attachments/dto";
import type { RefusedUpload, UploadInFlight } from "./attachments";

/** Sends of one conversation run one after another, so messages keep the order they were written in. */
const queues = new Map<string, Promise<unknown>>();

export function enqueueSend<T>(conversationId: string, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(conversationId) ?? Promise.resolve();
  const next = previous.then(task, task);
  const settled = next.catch(() => undefined);
  queues.set(conversationId, settled);
  void settled.then(() => {
    if (queues.get(conversationId) === settled) queues.delete(conversationId);
  });
  return next;
}

/** Files waiting to be uploaded, by message id (browser memory only). */
const pendingFiles = new Map<string, File>();
/** Composer files still uploading when their message was sent, by message id (browser memory only). */
const pendingUploads = new Map<string, UploadInFlight[]>();

export function createOptimisticMessage(
  store: MessageStore,
  conversationId: string,
  body: string | null,
  file: File | null,
  /** The message this one replies to (message actions: reply). */
  replyTo: UiMessage | null = null,
  /** Files uploaded in the composer (issue 14), shown at once in the optimistic bubble. */
  attachments: AttachmentDto[] = [],
  /** Composer files still uploading: the bubble shows their progress, the message waits for them. */
  uploads: UploadInFlight[] = [],
): string {
  const { me, provider } = store.getState();
  const id = newMessageId(provider);
  const message: UiMessage = {
    id,
    conversationId,
    body,
    image: null,
    createdAt: new Date().toISOString(),
    sender: me,
    seenBy: [me],
    deliveredTo: [],
    status: "sending",
    ...(file ? { localImage: URL.createObjectURL(file), progress: 0 } : {}),
    ...(replyTo ? { replyTo: replySnippetOf(replyTo) } : {}),
    ...(attachments.length > 0 ? { attachments } : {}),
    ...(uploads.length > 0 ? { uploads: uploads.map(({ name, size, progress }, key) => ({ key, name, size, progress })) } : {}),
  };
  if (file) pendingFiles.set(id, file);
  store.getState().mergeIncoming(conversationId, [message]);
  if (uploads.length > 0) {
    pendingUploads.set(id, uploads);
    const shown = (change: (files: UploadingFile[]) => UploadingFile[]) => {
      const files = store.getState().messages[conversationId]?.items.find((m) => m.id === id)?.uploads;
      if (files) store.getState().patchMessage(conversationId, id, { uploads: change(files) }, "sending");
    };
    uploads.forEach((upload, key) => {
      upload.follow((progress) => shown((files) => files.map((file) => (file.key === key ? { ...file, progress } : file))));
      // Cancelled: it leaves the bubble at once.
      upload.done.catch((error: { code?: string }) => {
        if (error?.code === "aborted") shown((files) => files.filter((file) => file.key !== key));
      });
    });
  }
  return id;
}

/** Stops one file of a message still uploading (the bubble's cancel): the message goes out without it. */
export function cancelUpload(messageId: string, key: number): void {
  pendingUploads.get(messageId)?.[key]?.abort();
}

export interface SendResult {
  ok: boolean;
  error?: string;
  /** No answer (offline): the message waits in the outbox and goes out when the connection returns. */
  queued?: boolean;
  /** Files the message went out without: each one whose upload was refused, with why. */
  dropped?: RefusedUpload[];
  /** Every file was cancelled and there was no text: nothing was sent, and nothing needs saying. */
  cancelled?: boolean;
}

/** Sends a message made by createOptimisticMessage: through the outbox, or directly when a file must upload first. */
export function sendMessage(store: MessageStore, conversationId: string, id: string): Promise<SendResult> {
  if (pendingFiles.has(id) || pendingUploads.has(id)) return enqueueSend(conversationId, () => deliver(store, conversationId, id));
  const held = store.getState().messages[conversationId]?.items.find((m) => m.id === id);
  if (!held) return Promise.resolve({ ok: true });
  const runtime = runtimeOf(store);
  runtime.outbox.put(entryOf(held, "queued"));
  return runtime.submit(id);
}

/** Manual Retry of a failed message (the same id). */
export function retryMessage(store: MessageStore, conversationId: string, id: string): Promise<SendResult> {
  const runtime = runtimeOf(store);
  if (!runtime.outbox.get(id)) return deliver(store, conversationId, id);
  runtime.outbox.update(id, { state: "queued" });
  store.getState().patchMessage(conversationId, id, { status: "sending", error: undefined });
  return runtime.submit(id);
}

/**
 * Starts the outbox of the signed-in user on this page: shows what it holds (queued with a clock,
 * refused as failed), and sends it now and whenever the connection returns (the browser's online
 * event, the realtime connection becoming connected). Returns the stop function.
 */
export function startOutbox(store: MessageStore): () => void {
  const runtime = runtimeOf(store);
  const { me } = store.getState();
  for (const entry of runtime.outbox.list()) {
    const held = store.getState().messages[entry.conversationId]?.items.find((m) => m.id === entry.id);
    if (held && !held.status) continue; // already confirmed (the server's page holds it): the flush settles it
    store.getState().mergeIncoming(entry.conversationId, [
      {
        id: entry.id,
        conversationId: entry.conversationId,
        body: entry.body,
        image: entry.image,
        createdAt: entry.createdAt,
        sender: me,
        seenBy: [me],
        deliveredTo: [],
        status: entry.state,
        ...(entry.error ? { error: entry.error } : {}),
        ...(entry.replyTo ? { replyTo: entry.replyTo } : {}),
        ...(entry.attachments?.length ? { attachments: entry.attachments } : {}),
      },
    ]);
  }
  const flush = () => void (navigator.onLine ? runtime.flush() : runtime.markQueued());
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.connection === "connected" && previous.connection !== "connected") flush();
  });
  window.addEventListener("online", flush);
  flush();
  return () => {
    unsubscribe();
    window.removeEventListener("online", flush);
  };
}

/** An outbox entry of an optimistic message (everything the send API needs, and the bubble shows). */
function entryOf(message: UiMessage, state: OutboxEntry["state"]): OutboxEntry {
  return {
    id: message.id,
    conversationId: message.conversationId,
    body: message.body,
    image: message.image,
    createdAt: message.createdAt,
    ...(message.replyTo ? { replyTo: message.replyTo } : {}),
    ...(message.attachments?.length ? { attachments: message.attachments } : {}),
    state,
  };
}

/** Waits before sending the outbox again after no answer while online. */
const RETRY_DELAYS_MS = [2_000, 5_000, 10_000, 30_000];

/** A send that gets no answer within this time counts as unreachable (sent again later: same id). */
const SEND_TIMEOUT_MS = 30_000;

/** No answer at all, or a gateway in between that could not reach the server: worth sending again. */
const unreachable = (error: unknown) => error instanceof ApiError && (error.status === 0 || [502, 503, 504].includes(error.status));

interface OutboxRuntime {
  outbox: Outbox;
  /** Sends the outbox (one run at a time) and resolves when message `id` is settled or waits for the connection. */
  submit(id: string): Promise<SendResult>;
  flush(): Promise<void>;
  /** Offline: every message still in the outbox shows the clock. */
  markQueued(): void;
}

const runtimes = new WeakMap<MessageStore, OutboxRuntime>();

function runtimeOf(store: MessageStore): OutboxRuntime {
  const known = runtimes.get(store);
  if (known) return known;
  const outbox = openOutbox(window.localStorage, store.getState().me.id);
  const waiters = new Map<string, (result: SendResult) => void>();
  const settle = (id: string, result: SendResult) => {
    waiters.get(id)?.(result);
    waiters.delete(id);
  };
  const markQueued = () => {
    for (const entry of outbox.list()) {
      if (entry.state !== "queued") continue;
      store.getState().patchMessage(entry.conversationId, entry.id, { status: "queued", progress: undefined }, "sending");
      settle(entry.id, { ok: false, queued: true });
    }
  };
  // In the conversation's send order (./enqueueSend): behind an image message still uploading.
  const sendEntry = (entry: OutboxEntry) => enqueueSend(entry.conversationId, () => sendNow(entry));
  const sendNow = async (entry: OutboxEntry): Promise<SendOutcome> => {
    const { conversationId, id } = entry;
    store.getState().patchMessage(conversationId, id, { status: "sending", error: undefined }, "queued");
    try {
      const { message } = await chatApi.send(
        conversationId,
        {
          id,
          body: entry.body,
          image: entry.image,
          ...(entry.replyTo ? { replyToId: entry.replyTo.id } : {}),
          ...(entry.attachments?.length ? { attachmentIds: entry.attachments.map((a) => a.id) } : {}),
        },
        AbortSignal.timeout(SEND_TIMEOUT_MS),
      );
      outbox.remove(id);
      const state = store.getState();
      state.mergeIncoming(conversationId, [message]);
      state.applyConversationUpdate({ id: conversationId, lastMessage: previewOf(message), lastMessageAt: message.createdAt });
      settle(id, { ok: true });
      return "sent";
    } catch (error) {
      if (unreachable(error)) return "unreachable";
      const text = error instanceof ApiError ? error.message : "Could not send the message.";
      outbox.update(id, { state: "failed", error: text });
      store.getState().patchMessage(conversationId, id, { status: "failed", error: text });
      settle(id, { ok: false, error: text });
      return "refused";
    }
  };
  // No answer although the browser says it is online (a flaky network, a server restarting): try
  // again after a growing delay; offline, the online event does.
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;
  const flush: () => Promise<void> = serialFlusher(async () => {
    const { stopped } = await flushOutbox(outbox, sendEntry);
    clearTimeout(retryTimer);
    if (!stopped) {
      attempt = 0;
      return;
    }
    markQueued();
    if (!navigator.onLine) return;
    retryTimer = setTimeout(() => void flush(), RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)]);
    attempt += 1;
  });
  const runtime: OutboxRuntime = {
    outbox,
    flush,
    markQueued,
    submit(id) {
      const result = new Promise<SendResult>((resolve) => waiters.set(id, resolve));
      if (navigator.onLine) void flush();
      else markQueued();
      return result;
    },
  };
  runtimes.set(store, runtime);
  return runtime;
}

/**
 * Waits for the files a message was sent with while they were still uploading. Those stored join its
 * attachments; a refused one is left out and named in `dropped`; a cancelled one is left out quietly.
 * Nothing left to send (no text, no file): the message is dropped, as it never reached the server.
 */
async function settleUploads(
  store: MessageStore,
  conversationId: string,
  id: string,
): Promise<{ dropped: RefusedUpload[]; empty: boolean } | null> {
  const uploads = pendingUploads.get(id);
  if (!uploads) return null;
  const settled = await Promise.allSettled(uploads.map((upload) => upload.done));
  pendingUploads.delete(id);
  const stored = settled.map((result) => (result.status === "fulfilled" ? result.value : null));
  const dropped = settled.flatMap((result, index): RefusedUpload[] => {
    if (result.status !== "rejected" || (result.reason as { code?: string })?.code === "aborted") return [];
    const { file, voice } = uploads[index]!;
    return [{ file, ...(voice ? { voice } : {}), error: (result.reason as Error)?.message || "The file could not be uploaded." }];
  });
  const held = store.getState().messages[conversationId]?.items.find((m) => m.id === id);
  // In the order the files were picked: each upload goes after the finished files that preceded it.
  const finished = held?.attachments ?? [];
  const attachments: AttachmentDto[] = [];
  for (let at = 0; at <= finished.length; at++) {
    uploads.forEach((upload, index) => {
      if (upload.after === at && stored[index]) attachments.push(stored[index]);
    });
    if (at < finished.length) attachments.push(finished[at]!);
  }
  const empty = !held || (!held.body && !held.image && !pendingFiles.has(id) && attachments.length === 0);
  if (empty) store.getState().dropUnsent(conversationId, id);
  else store.getState().patchMessage(conversationId, id, { uploads: undefined, ...(attachments.length > 0 ? { attachments } : {}) });
  return { dropped, empty };
}

export async function deliver(store: MessageStore, conversationId: string, id: string): Promise<SendResult> {
  const find = () => store.getState().messages[conversationId]?.items.find((m) => m.id === id);
  const uploads = await settleUploads(store, conversationId, id);
  const dropped = uploads?.dropped.length ? { dropped: uploads.dropped } : {};
  if (uploads?.empty) return uploads.dropped.length > 0 ? { ok: false, ...dropped } : { ok: false, cancelled: true };
  const held = find();
  if (!held || !held.status) return { ok: true, ...dropped };
  store.getState().patchMessage(conversationId, id, { status: "sending", error: undefined });
  try {
    let image = held.image;
    const file = pendingFiles.get(id);
    if (!image && file) {
      const uploaded = await uploadImage(file, (fraction) =>
        store.getState().patchMessage(conversationId, id, { progress: fraction }, "sending"),
      );
      image = uploaded.url;
      store.getState().patchMessage(conversationId, id, { image, progress: 1 });
    }
    const { message } = await chatApi.send(conversationId, {
      id,
      body: held.body,
      image,
      ...(held.replyTo ? { replyToId: held.replyTo.id } : {}),
      ...(held.attachments?.length ? { attachmentIds: held.attachments.map((a) => a.id) } : {}),
    });
    pendingFiles.delete(id);
    const state = store.getState();
    state.mergeIncoming(conversationId, [message]);
    state.applyConversationUpdate({ id: conversationId, lastMessage: previewOf(message), lastMessageAt: message.createdAt });
    return { ok: true, ...dropped };
  } catch (error) {
    const message = error instanceof ApiError ? error.message : "Could not send the message.";
    store.getState().patchMessage(conversationId, id, { status: "failed", error: message }, "sending");
    return { ok: false, error: message, ...dropped };
  }
}

/** The quote an optimistic reply shows until the server's copy replaces it (same shape as the server's). */
function replySnippetOf(message: UiMessage): ReplySnippet {
  const body = message.body;
  return {
    id: message.id,
    sender: message.sender,
    snippet: body === null ? null : body.length <= REPLY_SNIPPET_LENGTH ? body : `${body.slice(0, REPLY_SNIPPET_LENGTH - 1)}…`,
    hasImage: message.image !== null,
    deleted: message.deleted === true,
  };
}
