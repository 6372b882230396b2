// The message actions: ONE list (MESSAGE_ACTIONS) that the hover toolbar (desktop), the long-press
// menu (touch) and the keyboard menu of every message are built from. Adding an action is adding one
// entry here: a label, an icon, when it is offered (`available`) and what it does (`run`), with the
// context below. `quick: true` also puts it in the hover toolbar as an icon button (the menu always
// lists it). Order here is the order in the menu.
import type { LucideIcon } from "lucide-react";
import { Copy, Reply } from "lucide-react";
import type { ConversationSummary } from "@/lib/chat/conversations/dto";
import type { MessageActionLimits } from "@/lib/chat/message-actions/limits";
import { notify } from "@/lib/client/notify";
import type { ChatStore, UiMessage } from "@/lib/client/store";

/** Dialogs an action may open (rendered by the message list, loaded on demand). */
export type MessageDialogKind = "delete" | "forward" | "edit-history" | "reaction-picker";

export interface MessageActionContext {
  message: UiMessage;
  /** The message is mine. */
  mine: boolean;
  meId: string;
  conversation: ConversationSummary;
  store: ChatStore;
  /** The configured windows (ms) for editing and deleting for everyone my own messages. */
  limits: MessageActionLimits;
  /** Opens one of the message dialogs for this message. */
  openDialog: (kind: MessageDialogKind) => void;
}

export type { MessageActionLimits };

export interface MessageAction {
  id: string;
  label: string;
  icon: LucideIcon;
  /** Also an icon button in the hover toolbar. */
  quick?: boolean;
  available: (ctx: MessageActionContext) => boolean;
  run: (ctx: MessageActionContext) => void | Promise<void>;
}

/** A stored (not optimistic) message that was not deleted for everyone. */
const live = ({ message }: MessageActionContext) => !message.status && !message.deleted;

export const MESSAGE_ACTIONS: MessageAction[] = [
  {
    id: "reply",
    label: "Reply",
    icon: Reply,
    quick: true,
    available: live,
    run: ({ store, conversation, message }) => store.getState().setComposerIntent(conversation.id, { kind: "reply", message }),
  },
  {
    id: "copy",
    label: "Copy text",
    icon: Copy,
    available: (ctx) => live(ctx) && Boolean(ctx.message.body),
    run: async ({ message }) => {
      try {
        await navigator.clipboard.writeText(message.body ?? "");
        notify.success("Copied");
      } catch {
        notify.error("Could not copy the text.");
      }
    },
  },
];

/** The actions offered for one message, in menu order. */
export function actionsFor(ctx: MessageActionContext): MessageAction[] {
  return MESSAGE_ACTIONS.filter((action) => action.available(ctx));
}
