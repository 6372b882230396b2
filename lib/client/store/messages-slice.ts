// Messages slice: the messages held per conversation (server pages + optimistic sends, merged by id
// so nothing is ever shown twice), paging state, and patches of optimistic messages.
import type { MessageDto, MessagePage } from "@/lib/chat/messages/dto";
import { mergeMessages } from "@/lib/realtime/resync";
import type { MessageViewSlice, MessageState, SendStatus, UiMessage } from "./types";

export interface MessagesSlice {
  messages: Record<string, MessageState>;
  loadPage(
    conversationId: string,
    page: { messages: MessageDto[]; hasOlder: boolean; olderCursor: string | null },
    mode: "initial" | "older",
  ): void;
  setLoadingOlder(conversationId: string, loading: boolean): void;
  mergeIncoming(conversationId: string, messages: UiMessage[]): void;
  replaceMessages(conversationId: string, messages: UiMessage[], hasOlder?: boolean): void;
  patchMessage(conversationId: string, id: string, patch: Partial<UiMessage>, onlyIfStatus?: SendStatus): void;
  /** Drops a message of mine the server never had (its files were all cancelled or refused before it went out). */
  dropUnsent(conversationId: string, id: string): void;
  /** A jump (search hit): the page around a message replaces what was held (pending sends stay). */
  loadAround(conversationId: string, page: MessagePage): void;
  /** The next newer page after a jump. */
  loadNewer(conversationId: string, page: MessagePage): void;
  /** The message to show and highlight once its conversation is open (search). */
  jump: { conversationId: string; messageId: string; seq: number } | null;
  requestJump(conversationId: string, messageId: string): void;
  /** The view has shown jump `seq`: it is not repeated when the conversation opens again. */
  consumeJump(seq: number): void;
  /** Drops what is held of a conversation (it left the list: removeConversation). */
  forgetMessages(conversationId: string): void;
}

const emptyMessages = (): MessageState => ({ items: [], hasOlder: false, olderCursor: null, loadingOlder: false });

/** A server page in place of what is held, keeping the messages still on their way (optimistic sends). */
const withPending = (held: MessageState, items: UiMessage[]): UiMessage[] =>
  mergeKeepingLocal(
    items,
    held.items.filter((m) => m.status),
  );

/**
 * The held messages a newest-page read cannot know: newer than its newest message and not in it, so
 * they came (my confirmed send, a realtime event) while the read was on its way. Dropping them would
 * make a message just sent vanish until the next resync.
 */
function arrivedDuringRead(held: MessageState, page: UiMessage[]): UiMessage[] {
  const newest = page.reduce((at, m) => (m.createdAt > at ? m.createdAt : at), "");
  const inPage = new Set(page.map((m) => m.id.toLowerCase()));
  return held.items.filter((m) => !m.status && m.createdAt > newest && !inPage.has(m.id.toLowerCase()));
}

/** Keeps local-only fields (object URL preview) when the server copy replaces an optimistic message. */
function mergeKeepingLocal(current: UiMessage[], incoming: UiMessage[]): UiMessage[] {
  const held = new Map(current.map((m) => [m.id.toLowerCase(), m]));
  const adjusted = incoming.map((message) => {
    const old = held.get(message.id.toLowerCase());
    if (!old) return message;
    // A confirmed copy never turns back into a pending one.
    if (message.status && !old.status) return old;
    if (old.localImage && !message.localImage) return { ...message, localImage: old.localImage };
    return message;
  });
  return mergeMessages(current, adjusted);
}

export const createMessagesSlice: MessageViewSlice<MessagesSlice> = (set) => {
  /** Replaces the held state of one conversation with `change(held)` (an empty state when none is held yet). */
  const update = (conversationId: string, change: (held: MessageState) => MessageState) =>
    set((state) => ({ messages: { ...state.messages, [conversationId]: change(state.messages[conversationId] ?? emptyMessages()) } }));

  return {
    messages: {},
    jump: null,

    requestJump(conversationId, messageId) {
      set((state) => ({ jump: { conversationId, messageId, seq: (state.jump?.seq ?? 0) + 1 } }));
    },
    consumeJump(seq) {
      set((state) => (state.jump?.seq === seq ? { jump: null } : {}));
    },
    forgetMessages(conversationId) {
      set((state) => {
        if (!state.messages[conversationId]) return {};
        const messages = { ...state.messages };
        delete messages[conversationId];
        return { messages };
      });
    },
    loadAround(conversationId, page) {
      update(conversationId, (held) => ({
        items: withPending(held, page.messages),
        hasOlder: page.hasOlder,
        olderCursor: page.olderCursor,
        loadingOlder: false,
        hasNewer: page.hasNewer,
        newerCursor: page.newerCursor,
      }));
    },
    loadNewer(conversationId, page) {
      update(conversationId, (held) => ({
        ...held,
        items: mergeKeepingLocal(held.items, page.messages),
        hasNewer: page.hasNewer,
        newerCursor: page.newerCursor,
      }));
    },

    loadPage(conversationId, page, mode) {
      update(conversationId, (held) => {
        const olderKnown = mode === "initial" && held.items.length > 0 && held.olderCursor !== null;
        return {
          items: mergeKeepingLocal(held.items, page.messages),
          hasOlder: olderKnown ? held.hasOlder : page.hasOlder,
          olderCursor: olderKnown ? held.olderCursor : page.olderCursor,
          loadingOlder: mode === "older" ? false : held.loadingOlder,
          ...(held.hasNewer ? { hasNewer: true, newerCursor: held.newerCursor ?? null } : {}),
        };
      });
    },
    setLoadingOlder(conversationId, loading) {
      update(conversationId, (held) => ({ ...held, loadingOlder: loading }));
    },
    mergeIncoming(conversationId, incoming) {
      // Not loaded yet (e.g. the page is still on its way): keep the message; the first page merges in.
      update(conversationId, (held) => ({ ...held, items: mergeKeepingLocal(held.items, incoming) }));
    },
    replaceMessages(conversationId, items, hasOlder) {
      update(conversationId, (held) => ({
        ...held,
        items: withPending(held, [...items, ...arrivedDuringRead(held, items)]),
        hasOlder: hasOlder ?? held.hasOlder,
        olderCursor: hasOlder === undefined ? held.olderCursor : null,
        ...(hasOlder === undefined ? {} : { hasNewer: false, newerCursor: null }),
      }));
    },
    dropUnsent(conversationId, id) {
      update(conversationId, (held) => ({ ...held, items: held.items.filter((m) => m.id !== id || !m.status) }));
    },
    patchMessage(conversationId, id, patch, onlyIfStatus) {
      set((state) => {
        const held = state.messages[conversationId];
        if (!held) return {};
        let changed = false;
        const items = held.items.map((m) => {
          if (m.id !== id) return m;
          if (onlyIfStatus !== undefined && m.status !== onlyIfStatus) return m;
          changed = true;
          return { ...m, ...patch };
        });
        return changed ? { messages: { ...state.messages, [conversationId]: { ...held, items } } } : {};
      });
    },
  };
};
