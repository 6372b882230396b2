"use client";
// Optimistic sending. The message appears at once under a client-generated id (the id the send
// API stores, so a retry can never create a second message); an attached image uploads first
// (with progress). A failure turns the message into "failed — retry"; retry re-runs the missing
// steps with the same id. Server copies (API answer or realtime event) replace it by id.
import type { UiMessage } from "./store";
import type { MessageStore } from "./store/message-slices";
import { previewOf } from "./store";
import { newMessageId } from "@/lib/chat/kernel/ids";
import { REPLY_SNIPPET_LENGTH, type ReplySnippet } from "@/lib/chat/messages/dto";
import { ApiError, chatApi } from "./api";
import { uploadImage } from "./uploads";

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

export function createOptimisticMessage(
  store: MessageStore,
  conversationId: string,
  body: string | null,
  file: File | null,
  /** The message this one replies to (message actions: reply). */
  replyTo: UiMessage | null = null,
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
  };
  if (file) pendingFiles.set(id, file);
  store.getState().mergeIncoming(conversationId, [message]);
  return id;
}

export async function deliver(store: MessageStore, conversationId: string, id: string): Promise<{ ok: boolean; error?: string }> {
  const find = () => store.getState().messages[conversationId]?.items.find((m) => m.id === id);
  const held = find();
  if (!held || !held.status) return { ok: true };
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
    });
    pendingFiles.delete(id);
    const state = store.getState();
    state.mergeIncoming(conversationId, [message]);
    state.applyConversationUpdate({ id: conversationId, lastMessage: previewOf(message), lastMessageAt: message.createdAt });
    return { ok: true };
  } catch (error) {
    const message = error instanceof ApiError ? error.message : "Could not send the message.";
    store.getState().patchMessage(conversationId, id, { status: "failed", error: message }, "sending");
    return { ok: false, error: message };
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
