// Message actions slice (issue 13, part A): what the composer of each conversation is doing besides
// writing a new message (replying to a message, editing one of mine), and the patches the actions
// make to held messages — from my own optimistic changes and from realtime events alike.
import type { ReactionSummary } from "@/lib/chat/messages/dto";
import type { MessageViewSlice, MessageState, UiMessage } from "./types";

export interface ComposerIntent {
  kind: "reply" | "edit";
  message: UiMessage;
}

export interface MessageActionsSlice {
  composerIntent: Record<string, ComposerIntent | undefined>;
  setComposerIntent(conversationId: string, intent: ComposerIntent | null): void;
  /** An edit (new body, editedAt) or a deletion for everyone (tombstone; quotes of it say so). */
  applyMessageUpdate(
    conversationId: string,
    id: string,
    update: { body?: string | null; editedAt?: string | null; deleted?: boolean },
  ): void;
  /** One reaction of one user added or removed. */
  applyReaction(conversationId: string, id: string, userId: string, emoji: string, on: boolean): void;
  /** Deleted for me: the message leaves my view. */
  dropMessage(conversationId: string, id: string): void;
  /** A member played a voice note of a message (issue 14: played state per listener). */
  applyVoicePlayed(conversationId: string, messageId: string, attachmentId: string, userId: string): void;
}

/** The reactions of a message after `userId` added (on) or removed one `emoji`. */
export function withReaction(reactions: ReactionSummary[] = [], userId: string, emoji: string, on: boolean): ReactionSummary[] {
  const at = reactions.findIndex((r) => r.emoji === emoji);
  const users = at === -1 ? [] : reactions[at]!.userIds;
  if (on === users.includes(userId)) return reactions;
  const next = on ? [...users, userId] : users.filter((u) => u !== userId);
  if (at === -1) return [...reactions, { emoji, userIds: next }];
  if (next.length === 0) return reactions.filter((_, i) => i !== at);
  return reactions.map((r, i) => (i === at ? { emoji, userIds: next } : r));
}

export const createMessageActionsSlice: MessageViewSlice<MessageActionsSlice> = (set) => {
  /** Rewrites the held messages of one conversation (nothing when none are held). */
  const rewrite = (conversationId: string, change: (items: UiMessage[]) => UiMessage[]) =>
    set((state) => {
      const held: MessageState | undefined = state.messages[conversationId];
      if (!held) return {};
      const items = change(held.items);
      return items === held.items ? {} : { messages: { ...state.messages, [conversationId]: { ...held, items } } };
    });

  return {
    composerIntent: {},
    setComposerIntent(conversationId, intent) {
      set((state) => ({ composerIntent: { ...state.composerIntent, [conversationId]: intent ?? undefined } }));
    },
    applyMessageUpdate(conversationId, id, update) {
      rewrite(conversationId, (items) =>
        items.map((m) => {
          if (m.id === id) {
            if (update.deleted) {
              return { ...m, body: null, image: null, editedAt: null, deleted: true, reactions: undefined, starred: undefined };
            }
            return { ...m, ...(update.body !== undefined ? { body: update.body } : {}), editedAt: update.editedAt ?? m.editedAt ?? null };
          }
          if (m.replyTo?.id === id) {
            return {
              ...m,
              replyTo: update.deleted
                ? { ...m.replyTo, snippet: null, hasImage: false, deleted: true }
                : update.body !== undefined && update.body !== null
                  ? { ...m.replyTo, snippet: update.body.slice(0, 100) }
                  : m.replyTo,
            };
          }
          return m;
        }),
      );
      // An edit or a delete under way in my composer is over.
      set((state) => {
        const intent = state.composerIntent[conversationId];
        return update.deleted && intent?.message.id === id
          ? { composerIntent: { ...state.composerIntent, [conversationId]: undefined } }
          : {};
      });
    },
    applyReaction(conversationId, id, userId, emoji, on) {
      rewrite(conversationId, (items) => {
        let changed = false;
        const next = items.map((m) => {
          if (m.id !== id || m.deleted) return m;
          const reactions = withReaction(m.reactions, userId, emoji, on);
          if (reactions === m.reactions) return m;
          changed = true;
          return { ...m, reactions };
        });
        return changed ? next : items;
      });
    },
    applyVoicePlayed(conversationId, messageId, attachmentId, userId) {
      rewrite(conversationId, (items) => {
        const at = items.findIndex((m) => m.id === messageId);
        const message = items[at];
        const attachment = message?.attachments?.find((a) => a.id === attachmentId);
        if (!message || !attachment || attachment.playedBy?.includes(userId)) return items;
        const attachments = message.attachments!.map((a) =>
          a.id === attachmentId ? { ...a, playedBy: [...(a.playedBy ?? []), userId] } : a,
        );
        return items.map((m, i) => (i === at ? { ...m, attachments } : m));
      });
    },
    dropMessage(conversationId, id) {
      rewrite(conversationId, (items) => (items.some((m) => m.id === id) ? items.filter((m) => m.id !== id) : items));
      // The list's preview was this message: cleared, so the older one the server sends next
      // (conversation:update) takes its place.
      set((state) => {
        const conversation = state.conversations[conversationId];
        if (conversation?.lastMessage?.id !== id) return {};
        return { conversations: { ...state.conversations, [conversationId]: { ...conversation, lastMessage: null } } };
      });
    },
  };
};
