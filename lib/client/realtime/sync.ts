// Fetches from the API what events may have missed. Events are hints: after a (re)connect, a new
// subscription, a truncated event or the tab becoming visible, the held messages are resynced
// (lib/realtime/resync), so nothing is missed or duplicated.
import { chatApi } from "@/lib/client/api";
import type { UiMessage } from "@/lib/client/store";
import type { MessageStore } from "@/lib/client/store/message-slices";
import { resync } from "@/lib/realtime/resync";

const resyncing = new WeakMap<MessageStore, Map<string, Promise<void>>>();

/** Fetches what the held message list of a conversation may have missed (one run at a time). */
export async function resyncConversation(chatStore: MessageStore, conversationId: string): Promise<void> {
  if (!resyncing.has(chatStore)) resyncing.set(chatStore, new Map());
  const running = resyncing.get(chatStore)!;
  const held = running.get(conversationId);
  if (held) return held;
  const job = syncOnce(chatStore, conversationId).finally(() => running.delete(conversationId));
  running.set(conversationId, job);
  return job;
}

async function syncOnce(chatStore: MessageStore, conversationId: string): Promise<void> {
  try {
    const held = chatStore.getState().messages[conversationId];
    // Not held, or a window of older history after a search jump: it catches up by loading newer pages.
    if (!held || held.hasNewer) return;
    const confirmed = held.items.filter((m) => !m.status) as UiMessage[];
    const result = await resync(confirmed, (after) => chatApi.messages(conversationId, after ? { after } : {}));
    const store = chatStore.getState();
    if (result.reset) store.replaceMessages(conversationId, result.messages, result.hasOlder);
    else store.mergeIncoming(conversationId, result.messages);
  } catch {
    // offline: the next reconnect or visibility change tries again
  }
}

export async function refreshConversations(chatStore: MessageStore): Promise<void> {
  try {
    const heldAtRead = chatStore.getState().conversations;
    const page = await chatApi.listConversations();
    chatStore.getState().replaceConversations(page.conversations, page.nextCursor !== null, page.archivedCount, heldAtRead);
  } catch {
    // the next resync tries again
  }
}

const FETCH_ATTEMPTS = 8;

/**
 * Reads one conversation's summary and stores it. A summary that changed while it was read (an event
 * arrived, my own change) is newer than that answer: the read is repeated, since one started after
 * the change has seen it (events are published after commit).
 */
export async function fetchConversation(chatStore: MessageStore, id: string): Promise<void> {
  // A change to a group brings a burst of events (its system message, list updates, receipts,
  // presence as a removed member's connection ends): the read is repeated until one is undisturbed,
  // a little later each time. Three tries were not enough under load (CI: a removed member still
  // counted in the header).
  for (let attempt = 0; attempt < FETCH_ATTEMPTS; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(100 * attempt, 500)));
    const heldAtRead = chatStore.getState().conversations[id];
    let conversation;
    try {
      ({ conversation } = await chatApi.getConversation(id));
    } catch {
      return; // not a member (any more), or offline: the next resync reads it again
    }
    if (chatStore.getState().conversations[id] === heldAtRead) {
      chatStore.getState().upsertConversation(conversation);
      return;
    }
  }
}
