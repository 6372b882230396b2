// Delivery reports, the client side of "delivered" (two ticks): this client tells the server which
// messages reached it, in batches. What it reports is derived from the conversation list in the
// store: a conversation whose newest message is someone else's and unread has something to report
// ("everything up to that message is here"). The list changes when it first loads, on every new
// message (conversation:update), on a reconnect (refreshConversations) — so a burst of 100
// incoming messages, or coming online with 30 chats waiting, is gathered for DELIVERED_DEBOUNCE_MS
// and sent as one request (one entry per conversation, DELIVERED_BATCH_MAX a request); the server
// answers with one event per conversation.
import { chatApi } from "@/lib/client/api";
import type { ChatStore } from "@/lib/client/store";
import type { ConversationSummary } from "@/lib/chat/conversations/dto";
import { DELIVERED_BATCH_MAX, DELIVERED_DEBOUNCE_MS } from "@/lib/chat/receipts/limits";

export interface DeliveryReporter {
  dispose(): void;
}

type Report = (items: { conversationId: string; upTo: string }[]) => Promise<unknown>;

/**
 * What a conversation has to report: its newest message when that is someone else's and unread
 * (the open conversation does not count unread messages, so its newest one always reports; it may
 * be in a background tab that does not mark it seen).
 */
export function pendingDelivery(conversation: ConversationSummary, meId: string, activeId: string | null): string | null {
  const last = conversation.lastMessage;
  if (!last || last.senderId === meId) return null;
  if (conversation.unreadCount === 0 && conversation.id !== activeId) return null;
  return last.id;
}

export function startDeliveryReporter(
  store: ChatStore,
  meId: string,
  options: { report?: Report; debounceMs?: number } = {},
): DeliveryReporter {
  const report = options.report ?? chatApi.markDelivered;
  const debounceMs = options.debounceMs ?? DELIVERED_DEBOUNCE_MS;
  /** conversationId → the newest message reported (or being reported) there. */
  const reported = new Map<string, string>();
  const queue = new Map<string, string>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;

  const flush = async () => {
    timer = null;
    const items = [...queue].map(([conversationId, upTo]) => ({ conversationId, upTo }));
    queue.clear();
    for (let at = 0; at < items.length; at += DELIVERED_BATCH_MAX) {
      const chunk = items.slice(at, at + DELIVERED_BATCH_MAX);
      try {
        await report(chunk);
      } catch {
        // Offline or refused: forget them, so the next change of the list (a reconnect refreshes it) reports again.
        for (const item of chunk) if (reported.get(item.conversationId) === item.upTo) reported.delete(item.conversationId);
      }
    }
  };

  const scan = ({ conversations, activeId }: { conversations: Record<string, ConversationSummary>; activeId: string | null }) => {
    if (disposed) return;
    for (const conversation of Object.values(conversations)) {
      const upTo = pendingDelivery(conversation, meId, activeId);
      if (!upTo || reported.get(conversation.id) === upTo) continue;
      reported.set(conversation.id, upTo);
      queue.set(conversation.id, upTo);
    }
    if (queue.size > 0 && timer === null) timer = setTimeout(() => void flush(), debounceMs);
  };

  scan(store.getState());
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.conversations !== previous.conversations || state.activeId !== previous.activeId) scan(state);
  });
  return {
    dispose() {
      disposed = true;
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    },
  };
}
