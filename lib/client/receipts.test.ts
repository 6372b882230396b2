// The client's delivery reports are batched: a burst of incoming messages (conversation updates)
// and a whole conversation list coming in at once each make one request, one entry per
// conversation; what was reported is not reported again, and a failed report is retried on the
// next change.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ConversationSummary } from "@/lib/chat/conversations/dto";
import type { SafeUser } from "@/lib/chat/kernel/dto";
import { directSummary } from "@/tests/support/summaries";
import { createChatStore } from "@/lib/client/store";
import { withMessageSlices } from "@/lib/client/store/message-slices";
import { startDeliveryReporter } from "./receipts";

const me: SafeUser = { id: "00000000-0000-7000-8000-000000000001", name: "Me", image: null };
const other: SafeUser = { id: "00000000-0000-7000-8000-000000000002", name: "Other", image: null };
const chatId = (n: number) => `00000000-0000-7000-8000-0000000001${String(n).padStart(2, "0")}`;
const messageId = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, "0")}`;

function conversation(id: string, patch: Partial<ConversationSummary> = {}): ConversationSummary {
  return directSummary(id, me, other, patch);
}

const preview = (n: number, senderId = other.id) => ({
  id: messageId(n),
  senderId,
  body: `m${n}`,
  hasImage: false,
  createdAt: new Date(Date.UTC(2026, 10, 22, 10, 0, n)).toISOString(),
});

afterEach(() => vi.useRealTimers());

describe("delivery reporter", () => {
  it("reports a burst of 100 incoming messages in one request, one entry per conversation", async () => {
    vi.useFakeTimers();
    const store = withMessageSlices(createChatStore(me, "postgresql", [conversation(chatId(1)), conversation(chatId(2))]));
    const report = vi.fn(async () => ({}));
    const reporter = startDeliveryReporter(store, me.id, { report, debounceMs: 500 });
    for (let n = 1; n <= 100; n += 1) {
      store.getState().applyConversationUpdate({ id: chatId(1 + (n % 2)), lastMessage: preview(n), lastMessageAt: preview(n).createdAt });
    }
    expect(report).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(600);
    expect(report).toHaveBeenCalledTimes(1);
    expect(report).toHaveBeenCalledWith([
      { conversationId: chatId(2), upTo: messageId(99) },
      { conversationId: chatId(1), upTo: messageId(100) },
    ]);
    // Nothing new: nothing reported again.
    store.getState().applyConversationUpdate({ id: chatId(1), memberIds: undefined, lastMessage: preview(100) });
    await vi.advanceTimersByTimeAsync(600);
    expect(report).toHaveBeenCalledTimes(1);
    reporter.dispose();
  });

  it("reports what waits when the list loads (coming online), skips my own and read messages, and retries a failed report", async () => {
    vi.useFakeTimers();
    const store = withMessageSlices(
      createChatStore(me, "postgresql", [
        conversation(chatId(1), { lastMessage: preview(1), unreadCount: 3 }),
        conversation(chatId(2), { lastMessage: preview(2, me.id), unreadCount: 0 }),
        conversation(chatId(3), { lastMessage: preview(3), unreadCount: 0 }),
      ]),
    );
    let fail = true;
    const report = vi.fn(async () => {
      if (fail) throw new Error("offline");
      return {};
    });
    const reporter = startDeliveryReporter(store, me.id, { report, debounceMs: 100 });
    await vi.advanceTimersByTimeAsync(150);
    expect(report).toHaveBeenCalledTimes(1);
    expect(report).toHaveBeenLastCalledWith([{ conversationId: chatId(1), upTo: messageId(1) }]);
    // The reconnect's list refresh reports it again once the first attempt failed.
    fail = false;
    store.getState().replaceConversations([conversation(chatId(1), { lastMessage: preview(1), unreadCount: 3 })]);
    await vi.advanceTimersByTimeAsync(150);
    expect(report).toHaveBeenCalledTimes(2);
    expect(report).toHaveBeenLastCalledWith([{ conversationId: chatId(1), upTo: messageId(1) }]);
    reporter.dispose();
  });
});
