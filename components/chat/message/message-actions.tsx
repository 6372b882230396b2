"use client";
// The actions of one message, built from MESSAGE_ACTIONS (./actions.ts): a toolbar beside the
// bubble that shows on hover or keyboard focus (desktop), the same actions as a menu opened by its
// "Message actions" button (keyboard: Tab to it, Enter, arrow keys), by a long press (touch) or by a
// right click. The list's MessageActionsProvider supplies what every action needs.
import { EllipsisVertical } from "lucide-react";
import { createContext, useContext, useMemo, useRef, useState, type ReactNode } from "react";
import { Menu } from "@/components/ui/menu";
import type { ConversationSummary } from "@/lib/chat/conversations/dto";
import type { ChatStore, UiMessage } from "@/lib/client/store";
import { actionsFor, type MessageActionContext, type MessageActionLimits, type MessageDialogKind } from "./actions";

const LONG_PRESS_MS = 450;
const MOVE_TOLERANCE_PX = 10;

export interface MessageActionsEnv {
  conversation: ConversationSummary;
  meId: string;
  store: ChatStore;
  limits: MessageActionLimits;
  openDialog: (kind: MessageDialogKind, message: UiMessage) => void;
}

const MessageActionsContext = createContext<MessageActionsEnv | null>(null);

export function MessageActionsProvider({ value, children }: { value: MessageActionsEnv; children: ReactNode }) {
  return <MessageActionsContext.Provider value={value}>{children}</MessageActionsContext.Provider>;
}

/** The bubble (children) with its actions: hover toolbar, menu button, long press and right click. */
export function MessageWithActions({ message, mine, children }: { message: UiMessage; mine: boolean; children: ReactNode }) {
  const env = useContext(MessageActionsContext);
  const [menuOpen, setMenuOpen] = useState(false);
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
          menuOpen ? "opacity-100" : "opacity-0 group-hover/message:opacity-100 focus-within:opacity-100"
        }`}
      >
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
