// The message actions: ONE list (MESSAGE_ACTIONS) that the hover toolbar (desktop), the long-press
// menu (touch) and the keyboard menu of every message are built from. Adding an action is adding one
// entry here: a label, an icon, when it is offered (`available`) and what it does (`run`), with the
// context below. `quick: true` also puts it in the hover toolbar as an icon button (the menu always
// lists it). Order here is the order in the menu.
import type { LucideIcon } from "lucide-react";
import { Copy, Forward, History, Info, Pencil, Pin, PinOff, Reply, SmilePlus, Star, StarOff, Trash2 } from "lucide-react";
import type { ConversationSummary } from "@/lib/chat/conversations/dto";
import type { MessageActionLimits } from "@/lib/chat/message-actions/windows";
import { notify } from "@/lib/client/notify";
import type { UiMessage } from "@/lib/client/store";
import type { MessageStore } from "@/lib/client/store/message-slices";

/** Dialogs an action may open (rendered by the message list, loaded on demand). */
export type MessageDialogKind = "delete" | "forward" | "edit-history" | "reaction-picker" | "info";

export interface MessageActionContext {
  message: UiMessage;
  /** The message is mine. */
  mine: boolean;
  meId: string;
  conversation: ConversationSummary;
  store: MessageStore;
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

/** Pinning is for any member of a 1:1 and for a group's admins (issue 13). */
const canPin = ({ conversation }: MessageActionContext) => !conversation.isGroup || conversation.myRole === "admin";
const isPinned = ({ conversation, message }: MessageActionContext) => (conversation.pins ?? []).some((p) => p.message.id === message.id);
// The operations load with their first use (they pull in the server action references).
const stars = () => import("@/lib/client/stars");
const pins = () => import("@/lib/client/pins");

/** Whether my message is still inside a configured window (ms) since it was sent. */
export const within = (message: UiMessage, windowMs: number, now = Date.now()) => now - Date.parse(message.createdAt) <= windowMs;

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
    id: "react",
    label: "Add reaction…",
    icon: SmilePlus,
    available: live,
    run: ({ openDialog }) => openDialog("reaction-picker"),
  },
  {
    id: "forward",
    label: "Forward…",
    icon: Forward,
    available: live,
    run: ({ openDialog }) => openDialog("forward"),
  },
  {
    id: "star",
    label: "Star",
    icon: Star,
    available: (ctx) => live(ctx) && !ctx.message.starred,
    run: async ({ store, message }) => void (await stars()).setStar(store, message, true),
  },
  {
    id: "unstar",
    label: "Unstar",
    icon: StarOff,
    available: (ctx) => live(ctx) && Boolean(ctx.message.starred),
    run: async ({ store, message }) => void (await stars()).setStar(store, message, false),
  },
  {
    id: "pin",
    label: "Pin",
    icon: Pin,
    available: (ctx) => live(ctx) && canPin(ctx) && !isPinned(ctx),
    run: async ({ store, conversation, message }) => void (await pins()).setPin(store, conversation.id, message.id, true),
  },
  {
    id: "unpin",
    label: "Unpin",
    icon: PinOff,
    available: (ctx) => live(ctx) && canPin(ctx) && isPinned(ctx),
    run: async ({ store, conversation, message }) => void (await pins()).setPin(store, conversation.id, message.id, false),
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
  {
    id: "edit",
    label: "Edit",
    icon: Pencil,
    available: (ctx) => live(ctx) && ctx.mine && ctx.message.body !== null && within(ctx.message, ctx.limits.editWindowMs),
    run: ({ store, conversation, message }) => store.getState().setComposerIntent(conversation.id, { kind: "edit", message }),
  },
  {
    id: "edit-history",
    label: "Edit history",
    icon: History,
    available: (ctx) => live(ctx) && ctx.mine && Boolean(ctx.message.editedAt),
    run: ({ openDialog }) => openDialog("edit-history"),
  },
  {
    // Issue 13 part B: the receipts panel of my message (also opened by its ticks).
    id: "info",
    label: "Message info",
    icon: Info,
    available: (ctx) => live(ctx) && ctx.mine,
    run: ({ openDialog }) => openDialog("info"),
  },
  {
    id: "delete",
    label: "Delete…",
    icon: Trash2,
    available: ({ message }) => !message.status,
    run: ({ openDialog }) => openDialog("delete"),
  },
];

/** Delete for everyone is offered for my message inside the window, and to a group's admins for any message. */
export function canDeleteForEveryone(ctx: Pick<MessageActionContext, "message" | "mine" | "conversation" | "limits">): boolean {
  if (ctx.message.deleted || ctx.message.status) return false;
  if (ctx.conversation.isGroup && ctx.conversation.myRole === "admin") return true;
  return ctx.mine && within(ctx.message, ctx.limits.deleteWindowMs);
}

/** The actions offered for one message, in menu order. */
export function actionsFor(ctx: MessageActionContext): MessageAction[] {
  return MESSAGE_ACTIONS.filter((action) => action.available(ctx));
}
