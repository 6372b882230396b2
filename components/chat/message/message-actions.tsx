"use client";
// The actions of one message, built from MESSAGE_ACTIONS (./actions.ts): a toolbar beside the
// bubble that shows on hover or keyboard focus (desktop), the same actions as a menu opened by its
// "Message actions" button (keyboard: Tab to it, Enter, arrow keys), by a long press (touch) or by a
// right click. The list's MessageActionsProvider supplies what every action needs.
import { EllipsisVertical, Plus, SmilePlus } from "lucide-react";
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { QUICK_REACTIONS } from "@/lib/chat/message-actions/limits";
import { toggleReaction } from "@/lib/client/message-actions";
import { Menu } from "@/components/ui/menu";
import type { ConversationSummary } from "@/lib/chat/conversations/dto";
import type { UiMessage } from "@/lib/client/store";
import type { MessageStore } from "@/lib/client/store/message-slices";
import { actionsFor, type MessageActionContext, type MessageActionLimits, type MessageDialogKind } from "./actions";

const LONG_PRESS_MS = 450;
const MOVE_TOLERANCE_PX = 10;

export interface MessageActionsEnv {
  conversation: ConversationSummary;
  meId: string;
  store: MessageStore;
  limits: MessageActionLimits;
  openDialog: (kind: MessageDialogKind, message: UiMessage) => void;
}

const MessageActionsContext = createContext<MessageActionsEnv | null>(null);

/** What the list provides to message actions (null outside a message list). */
export function useMessageActionsEnv(): MessageActionsEnv | null {
  return useContext(MessageActionsContext);
}

export function MessageActionsProvider({ value, children }: { value: MessageActionsEnv; children: ReactNode }) {
  return <MessageActionsContext.Provider value={value}>{children}</MessageActionsContext.Provider>;
}

/** The bubble (children) with its actions: hover toolbar, menu button, long press and right click. */
export function MessageWithActions({ message, mine, children }: { message: UiMessage; mine: boolean; children: ReactNode }) {
  const env = useContext(MessageActionsContext);
  const [menuOpen, setMenuOpen] = useState(false);
  const [reactionsOpen, setReactionsOpen] = useState(false);
  const press = useRef<{ timer: ReturnType<typeof setTimeout>; x: number; y: number } | null>(null);

  const ctx: MessageActionContext | null = useMemo(
    () =>
      env
        ? {
            message,
            mine,
            meId: env.meId,
            conversation: env.conversation,
            store: env.store,
            limits: env.limits,
            openDialog: (kind) => env.openDialog(kind, message),
          }
        : null,
    [env, message, mine],
  );
  const actions = ctx ? actionsFor(ctx) : [];
  if (!ctx || actions.length === 0) return <div className={rowClass(mine)}>{children}</div>;

  const cancelPress = () => {
    if (press.current) clearTimeout(press.current.timer);
    press.current = null;
  };

  return (
    <div
      className={`group/message ${rowClass(mine)}`}
      onPointerDown={(event) => {
        if (event.pointerType !== "touch") return;
        cancelPress();
        press.current = { timer: setTimeout(() => setMenuOpen(true), LONG_PRESS_MS), x: event.clientX, y: event.clientY };
      }}
      onPointerMove={(event) => {
        const p = press.current;
        if (p && Math.hypot(event.clientX - p.x, event.clientY - p.y) > MOVE_TOLERANCE_PX) cancelPress();
      }}
      onPointerUp={cancelPress}
      onPointerCancel={cancelPress}
      onContextMenu={(event) => {
        // A right click, or the long press of browsers that report it as a context menu.
        if ((event.target as HTMLElement).closest("a, img")) return;
        event.preventDefault();
        setMenuOpen(true);
      }}
    >
      {children}
      <div
        role="toolbar"
        aria-label="Message actions"
        className={`flex shrink-0 items-center gap-0.5 self-center rounded-full transition-opacity ${
          menuOpen || reactionsOpen ? "opacity-100" : "opacity-0 group-hover/message:opacity-100 focus-within:opacity-100"
        }`}
      >
        {actions.some((action) => action.id === "react") ? (
          <QuickReactions ctx={ctx} open={reactionsOpen} onOpenChange={setReactionsOpen} />
        ) : null}
        {actions
          .filter((action) => action.quick)
          .map((action) => (
            <button
              key={action.id}
              type="button"
              tabIndex={-1}
              className="icon-button size-8"
              aria-label={action.label}
              title={action.label}
              onClick={() => void action.run(ctx)}
            >
              <action.icon aria-hidden className="size-4" />
            </button>
          ))}
        <Menu
          label="More actions"
          icon={<EllipsisVertical aria-hidden className="size-4" />}
          open={menuOpen}
          onOpenChange={setMenuOpen}
          className={mine ? "[&>[role=menu]]:right-0" : "[&>[role=menu]]:left-0 [&>[role=menu]]:right-auto"}
          items={actions.map((action) => ({ label: action.label, onSelect: () => void action.run(ctx) }))}
        />
      </div>
    </div>
  );
}

const rowClass = (mine: boolean) => `flex min-w-0 flex-1 items-end gap-1 ${mine ? "flex-row-reverse" : ""}`;

/** "Add reaction": six quick emoji in a small popover, and "More emoji" (the full picker). */
function QuickReactions({ ctx, open, onOpenChange }: { ctx: MessageActionContext; open: boolean; onOpenChange: (open: boolean) => void }) {
  const box = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    box.current?.querySelector("button")?.focus();
    const onPointer = (event: PointerEvent) => {
      if (!box.current?.contains(event.target as Node) && !trigger.current?.contains(event.target as Node)) onOpenChange(false);
    };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [open, onOpenChange]);
  const close = () => {
    onOpenChange(false);
    trigger.current?.focus();
  };
  return (
    <div className="relative">
      <button
        ref={trigger}
        type="button"
        tabIndex={-1}
        className="icon-button size-8"
        aria-label="Add reaction"
        title="Add reaction"
        aria-expanded={open}
        onClick={() => onOpenChange(!open)}
      >
        <SmilePlus aria-hidden className="size-4" />
      </button>
      {open ? (
        <div
          ref={box}
          role="group"
          aria-label="Quick reactions"
          onKeyDown={(event) => {
            if (event.key === "Escape") {
              event.preventDefault();
              close();
            }
          }}
          className={`absolute bottom-full z-20 mb-1 flex items-center gap-0.5 rounded-full border border-neutral-200 bg-white p-1 shadow-lg dark:border-neutral-700 dark:bg-neutral-900 ${
            ctx.mine ? "right-0" : "left-0"
          }`}
        >
          {QUICK_REACTIONS.map((emoji) => {
            const pressed = (ctx.message.reactions ?? []).some((r) => r.emoji === emoji && r.userIds.includes(ctx.meId));
            return (
              <button
                key={emoji}
                type="button"
                aria-label={`React with ${emoji}`}
                aria-pressed={pressed}
                className={`flex size-8 items-center justify-center rounded-full text-lg hover:bg-neutral-100 dark:hover:bg-neutral-800 ${pressed ? "bg-sky-100 dark:bg-sky-900" : ""}`}
                onClick={() => {
                  close();
                  void toggleReaction(ctx.store, ctx.message, emoji);
                }}
              >
                {emoji}
              </button>
            );
          })}
          <button
            type="button"
            aria-label="More emoji"
            title="More emoji"
            className="flex size-8 items-center justify-center rounded-full hover:bg-neutral-100 dark:hover:bg-neutral-800"
            onClick={() => {
              onOpenChange(false);
              trigger.current?.focus();
              ctx.openDialog("reaction-picker");
            }}
          >
            <Plus aria-hidden className="size-4" />
          </button>
        </div>
      ) : null}
    </div>
  );
}
