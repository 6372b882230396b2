// Message actions slice (issue 13, part A): what the composer of each conversation is doing besides
// writing a new message — replying to a message or editing one of mine. Set by the message actions
// (components/chat/message/actions.ts), read by the composer, cleared on send or cancel.
import type { ChatSlice, UiMessage } from "./types";

export interface ComposerIntent {
  kind: "reply" | "edit";
  message: UiMessage;
}

export interface MessageActionsSlice {
  composerIntent: Record<string, ComposerIntent | undefined>;
  setComposerIntent(conversationId: string, intent: ComposerIntent | null): void;
}

export const createMessageActionsSlice: ChatSlice<MessageActionsSlice> = () => (set) => ({
  composerIntent: {},
  setComposerIntent(conversationId, intent) {
    set((state) => ({ composerIntent: { ...state.composerIntent, [conversationId]: intent ?? undefined } }));
  },
});
