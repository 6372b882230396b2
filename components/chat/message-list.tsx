"use client";
// The message list: a log region (new messages are announced), oldest at the top, bubbles grouped
// by sender and time, day separators, "Seen" markers, infinite scroll upward that keeps the
// reading position, and "Jump to latest" when scrolled up. Each message renders with
// ./message/message-bubble (chrome) and ./message/message-content (one component per part kind).
import { ArrowDown, Loader2 } from "lucide-react";
import { Fragment, lazy, Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { ConversationSummary } from "@/lib/chat/conversations/dto";
import type { SafeUser } from "@/lib/chat/kernel/dto";
import type { UiMessage } from "@/lib/client/store";
import { dayLabel } from "@/lib/client/format";
import { compareNewestFirst } from "@/lib/realtime/resync";
import { receiptStatus } from "@/lib/chat/receipts/dto";
import { MentionContext, type MentionDirectory } from "./message/rich-text";
import type { MessageActionLimits } from "@/lib/chat/message-actions/windows";
import { useMessageStoreApi } from "@/lib/client/store/message-slices";
import type { MessageDialogKind } from "./message/actions";
import { MessageActionsProvider, MessageWithActions, type MessageActionsEnv } from "./message/message-actions";
import { MessageBubble } from "./message/message-bubble";
import { systemText } from "@/lib/chat/group-admin/words";
import { MessageDialogHost } from "./message/message-dialogs";
import { UserAvatar } from "./user-avatar";

// Only needed once an image is opened (Radix dialog): loaded then.
const ImageViewer = lazy(() => import("./image-viewer").then((m) => ({ default: m.ImageViewer })));
// Only needed once the ticks of my message are pressed.
const MessageInfoDialog = lazy(() => import("./message-info-dialog").then((m) => ({ default: m.MessageInfoDialog })));

const GROUP_GAP_MS = 5 * 60_000;
const NEAR_BOTTOM_PX = 120;

interface Props {
  conversation: ConversationSummary;
  meId: string;
  /** Newest first (store order). */
  messages: UiMessage[];
  hasOlder: boolean;
  loadingOlder: boolean;
  onLoadOlder: () => void;
  onRetry: (id: string) => void;
  /** A search hit to scroll to and highlight (seq changes on every jump). */
  highlight?: { id: string; seq: number } | null;
  /** After a jump: newer messages exist beyond those held (loaded at the bottom). */
  hasNewer?: boolean;
  onLoadNewer?: () => void;
  /** Where the "New messages" divider goes (firstUnread of what the chat opened with), read when it opens. */
  firstUnreadId?: string | null;
  /** The edit and delete-for-everyone windows (message actions). */
  actionLimits: MessageActionLimits;
  /** What goes above the "New messages" divider (catch me up), given the divider's message. */
  aboveDivider?: (messageId: string) => ReactNode;
  /** Entries of other timelines (calls) before a message, given it and the one before; `after`: after the newest held. */
  between?: (message: UiMessage | undefined, previous: UiMessage | undefined) => ReactNode;
}

export function MessageList({
  conversation,
  meId,
  messages,
  hasOlder,
  loadingOlder,
  onLoadOlder,
  onRetry,
  highlight = null,
  hasNewer = false,
  onLoadNewer,
  firstUnreadId = null,
  actionLimits,
  aboveDivider,
  between,
}: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const topSentinel = useRef<HTMLDivElement>(null);
  const bottomSentinel = useRef<HTMLDivElement>(null);
  const [atBottom, setAtBottom] = useState(true);
  const atBottomRef = useRef(true);
  const restore = useRef<{ height: number; top: number } | null>(null);
  const ordered = useMemo(() => [...messages].reverse(), [messages]);
  const newest = messages[0];
  const oldestId = ordered[0]?.id;
  const [viewer, setViewer] = useState<{ src: string; alt: string } | null>(null);
  const [infoFor, setInfoFor] = useState<string | null>(null);
  const infoButton = useRef<HTMLButtonElement | null>(null);
  const openInfo = useCallback((messageId: string, button: HTMLButtonElement) => {
    infoButton.current = button;
    setInfoFor(messageId);
  }, []);
  const memberIds = useMemo(() => conversation.members.map((m) => m.id), [conversation.members]);
  // A member's photo as my chat summary shows it to me (a contacts-only photo when I am their
  // contact; none when they blocked me): a message carries only photos that are for everyone.
  const membersById = useMemo(() => new Map(conversation.members.map((m) => [m.id, m])), [conversation.members]);
  const mentions = useMemo<MentionDirectory>(() => {
    const names = new Map(conversation.members.map((m) => [m.id, m.name ?? "Parley user"]));
    return { meId, nameOf: (userId) => names.get(userId) ?? null };
  }, [conversation.members, meId]);

  // "New messages": the first message from someone else I had not seen when the chat opened (kept
  // while it stays open, though opening it marks everything seen).
  const [divider, setDivider] = useState(() => ({ conversationId: conversation.id, messageId: firstUnreadId }));
  if (divider.conversationId !== conversation.id) setDivider({ conversationId: conversation.id, messageId: firstUnreadId });
  const dividerId = divider.conversationId === conversation.id ? divider.messageId : null;
  // Messages from others that arrived while I was scrolled up (the count on "Jump to latest").
  const [newBelow, setNewBelow] = useState(0);
  const lastNewestId = useRef(newest?.id);

  const store = useMessageStoreApi();
  const [dialog, setDialog] = useState<{ kind: MessageDialogKind; message: UiMessage } | null>(null);
  const actionsEnv: MessageActionsEnv = useMemo(
    () => ({ conversation, meId, store, limits: actionLimits, openDialog: (kind, message) => setDialog({ kind, message }) }),
    [conversation, meId, store, actionLimits],
  );

  const seenMarkers = useMemo(() => seenMarkersOf(conversation, meId, ordered), [conversation, meId, ordered]);

  const loadOlder = useCallback(() => {
    const el = scroller.current;
    if (!el || !hasOlder || loadingOlder) return;
    restore.current = { height: el.scrollHeight, top: el.scrollTop };
    onLoadOlder();
  }, [hasOlder, loadingOlder, onLoadOlder]);

  // Older page prepended: keep the same message under the reader's eyes.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || !restore.current) return;
    el.scrollTop = el.scrollHeight - restore.current.height + restore.current.top;
    restore.current = null;
  }, [oldestId]);

  // New message at the bottom: follow it if the reader is at the bottom or sent it.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || !newest) return;
    if (hasNewer) return; // reading a window of older history after a jump
    if (atBottomRef.current || newest.sender.id === meId) el.scrollTop = el.scrollHeight;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new newest message scrolls, not hasNewer changing
  }, [newest, meId]);

  useEffect(() => {
    if (!newest || newest.id === lastNewestId.current) return;
    lastNewestId.current = newest.id;
    if (!atBottomRef.current && newest.sender.id !== meId && !hasNewer) setNewBelow((count) => count + 1);
  }, [newest, meId, hasNewer]);

  // Opening a chat with unread messages starts at the "New messages" divider, not at the bottom.
  // (Once: the divider's message may arrive a moment later, when the server's page merges in.)
  const scrolledToDivider = useRef<string | null>(null);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || !dividerId || scrolledToDivider.current === dividerId) return;
    const target = el.querySelector<HTMLElement>('[data-divider="new-messages"]');
    if (!target) return;
    scrolledToDivider.current = dividerId;
    target.scrollIntoView({ block: "start" });
  }, [dividerId, ordered]);

  // A search hit: bring it to the middle of the view (after the page around it is in).
  const highlightId = highlight?.id;
  const highlightSeq = highlight?.seq;
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || !highlightId) return;
    const target = el.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(highlightId)}"]`);
    target?.scrollIntoView({ block: "center" });
  }, [highlightId, highlightSeq]);

  // After a jump, the sentinel at the bottom loads newer pages as the reader scrolls down.
  useEffect(() => {
    const el = scroller.current;
    const sentinel = bottomSentinel.current;
    if (!el || !sentinel || !hasNewer || !onLoadNewer) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) onLoadNewer();
      },
      { root: el, rootMargin: "0px 0px 200px 0px" },
    );
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [hasNewer, onLoadNewer, messages]);

  // Infinite scroll: the sentinel at the top loads the previous page when it comes into view.
  useEffect(() => {
    const el = scroller.current;
    const sentinel = topSentinel.current;
    if (!el || !sentinel || !hasOlder) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) loadOlder();
      },
      { root: el, rootMargin: "200px 0px 0px 0px" },
    );
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [hasOlder, loadOlder]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    const bottom = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
    atBottomRef.current = bottom;
    if (bottom !== atBottom) setAtBottom(bottom);
    if (bottom && newBelow > 0) setNewBelow(0);
  };

  const jumpToLatest = () => {
    const el = scroller.current;
    if (!el) return;
    el.scrollTo({ top: el.scrollHeight, behavior: window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth" });
  };

  const senderName = (user: Pick<SafeUser, "id" | "name">) => (user.id === meId ? "You" : (user.name ?? "Parley user"));

  return (
    <MentionContext.Provider value={mentions}>
      <div className="relative min-h-0 flex-1">
        <div
          ref={scroller}
          onScroll={onScroll}
          role="region"
          aria-label="Message history"
          tabIndex={0}
          className="h-full overflow-y-auto px-3 py-4 focus-visible:outline-offset-[-2px] sm:px-6"
        >
          <div ref={topSentinel} aria-hidden className="h-px" />
          {hasOlder ? (
            <div className="mb-3 flex justify-center">
              <button
                type="button"
                onClick={loadOlder}
                disabled={loadingOlder}
                className="inline-flex items-center gap-2 rounded-full px-3 py-1 text-xs font-semibold text-sky-700 hover:bg-sky-50 dark:text-sky-400 dark:hover:bg-sky-950"
              >
                {loadingOlder ? <Loader2 aria-hidden className="size-3.5 animate-spin" /> : null}
                {loadingOlder ? "Loading older messages…" : "Load older messages"}
              </button>
            </div>
          ) : ordered.length > 0 ? (
            <p className="mb-4 text-center text-xs text-neutral-500 dark:text-neutral-400">This is the beginning of the conversation.</p>
          ) : null}

          {ordered.length === 0 ? (
            <div className="flex h-full flex-col items-center justify-center gap-2 py-16 text-center">
              <p className="text-lg font-semibold">No messages yet</p>
              <p className="text-sm text-neutral-600 dark:text-neutral-400">Say hello — your first message starts the conversation.</p>
            </div>
          ) : null}

          <MessageActionsProvider value={actionsEnv}>
            <div role="log" aria-live="polite" aria-relevant="additions" aria-label="Messages" aria-busy={loadingOlder}>
              <ol className="flex flex-col">
                {ordered.map((message, index) => {
                  const previous = ordered[index - 1];
                  const next = ordered[index + 1];
                  const newDay = !previous || new Date(previous.createdAt).toDateString() !== new Date(message.createdAt).toDateString();
                  const joinsPrevious = !newDay && previous !== undefined && sameGroup(previous, message);
                  const joinsNext =
                    next !== undefined &&
                    sameGroup(message, next) &&
                    new Date(next.createdAt).toDateString() === new Date(message.createdAt).toDateString();
                  const mine = message.sender.id === meId;
                  return (
                    <Fragment key={message.id}>
                      {between?.(message, previous)}
                      {message.id === dividerId ? (
                        <li data-divider="new-messages" className="my-3">
                          {aboveDivider?.(message.id)}
                          <div
                            role="separator"
                            aria-label="New messages"
                            className="flex items-center gap-3 text-xs font-semibold text-red-700 dark:text-red-400"
                          >
                            <span aria-hidden className="h-px flex-1 bg-red-300 dark:bg-red-800" />
                            <span aria-hidden>New messages</span>
                            <span aria-hidden className="h-px flex-1 bg-red-300 dark:bg-red-800" />
                          </div>
                        </li>
                      ) : null}
                      {newDay ? (
                        <li className="my-4 flex items-center gap-3 text-xs font-semibold text-neutral-500 dark:text-neutral-400">
                          <span aria-hidden className="h-px flex-1 bg-neutral-200 dark:bg-neutral-800" />
                          <span suppressHydrationWarning>{dayLabel(message.createdAt)}</span>
                          <span aria-hidden className="h-px flex-1 bg-neutral-200 dark:bg-neutral-800" />
                        </li>
                      ) : null}
                      {message.system ? (
                        // A group notice (issue 15): centred, no bubble, no actions.
                        <li data-message-id={message.id} data-system-message="" className="my-2 flex justify-center">
                          <p className="max-w-[85%] rounded-full bg-neutral-100 px-3 py-1 text-center text-xs text-neutral-700 dark:bg-neutral-800 dark:text-neutral-300">
                            {systemText(message.system, message.sender, meId)}
                          </p>
                        </li>
                      ) : (
                        <li
                          data-message-id={message.id}
                          aria-current={message.id === highlightId ? "true" : undefined}
                          className={`flex items-end gap-2 ${mine ? "flex-row-reverse" : ""} ${joinsPrevious ? "mt-0.5" : "mt-3"} ${message.id === highlightId ? "rounded-2xl ring-2 ring-amber-400 ring-offset-2 dark:ring-offset-neutral-950" : ""}`}
                        >
                          {!mine ? (
                            <span className="w-8 shrink-0">
                              {!joinsNext ? <UserAvatar user={membersById.get(message.sender.id) ?? message.sender} size={32} /> : null}
                            </span>
                          ) : null}
                          <MessageWithActions message={message} mine={mine}>
                            <MessageBubble
                              message={message}
                              mine={mine}
                              senderName={senderName(message.sender)}
                              nameOf={senderName}
                              showSenderName={!mine && conversation.isGroup && !joinsPrevious}
                              showTime={!joinsNext}
                              seenBy={seenMarkers.get(message.id)}
                              isGroup={conversation.isGroup}
                              onOpenImage={setViewer}
                              onRetry={onRetry}
                              receipt={mine && !message.status ? receiptStatus(readsOf(conversation, message), memberIds) : undefined}
                              onOpenInfo={openInfo}
                            />
                          </MessageWithActions>
                        </li>
                      )}
                    </Fragment>
                  );
                })}
                {hasNewer ? null : between?.(undefined, ordered.at(-1))}
              </ol>
            </div>
          </MessageActionsProvider>
          {hasNewer ? (
            <div className="mt-3 flex justify-center">
              <button
                type="button"
                onClick={onLoadNewer}
                className="rounded-full px-3 py-1 text-xs font-semibold text-sky-700 hover:bg-sky-50 dark:text-sky-400 dark:hover:bg-sky-950"
              >
                Load newer messages
              </button>
            </div>
          ) : null}
          <div ref={bottomSentinel} aria-hidden className="h-px" />
        </div>
        {!atBottom ? (
          <button
            type="button"
            onClick={jumpToLatest}
            aria-label={newBelow > 0 ? `Jump to latest (${newBelow} new ${newBelow === 1 ? "message" : "messages"})` : undefined}
            className="absolute right-4 bottom-4 inline-flex items-center gap-1.5 rounded-full bg-white px-3 py-2 text-sm font-semibold text-sky-700 shadow-lg ring-1 ring-neutral-200 hover:bg-neutral-50 dark:bg-neutral-800 dark:text-sky-300 dark:ring-neutral-700"
          >
            <ArrowDown aria-hidden className="size-4" />
            Jump to latest
            {newBelow > 0 ? (
              <span className="inline-flex min-w-5 items-center justify-center rounded-full bg-sky-700 px-1.5 text-xs font-bold text-white">
                {newBelow > 99 ? "99+" : newBelow}
              </span>
            ) : null}
          </button>
        ) : null}
        {dialog ? (
          <MessageDialogHost
            kind={dialog.kind}
            message={dialog.message}
            ctx={{ conversation, meId, store, limits: actionLimits }}
            onClose={() => setDialog(null)}
          />
        ) : null}
        {infoFor ? (
          <Suspense fallback={null}>
            <MessageInfoDialog
              conversationId={conversation.id}
              messageId={infoFor}
              open
              onOpenChange={(open) => !open && setInfoFor(null)}
              returnFocusTo={infoButton}
            />
          </Suspense>
        ) : null}
        {viewer ? (
          <Suspense fallback={null}>
            <ImageViewer src={viewer.src} alt={viewer.alt} open onOpenChange={(open) => !open && setViewer(null)} />
          </Suspense>
        ) : null}
      </div>
    </MentionContext.Provider>
  );
}

/** The oldest message from someone else that I have not seen, in any order of `messages` (null when all are read). */
export function firstUnread(messages: readonly UiMessage[], meId: string): string | null {
  let oldest: UiMessage | null = null;
  for (const m of messages) {
    if (m.status || m.sender.id === meId || m.seenBy.some((u) => u.id === meId)) continue;
    if (!oldest || compareNewestFirst(m, oldest) > 0) oldest = m;
  }
  return oldest?.id ?? null;
}

function sameGroup(a: UiMessage, b: UiMessage): boolean {
  if (a.system || b.system) return false;
  return a.sender.id === b.sender.id && Math.abs(Date.parse(b.createdAt) - Date.parse(a.createdAt)) < GROUP_GAP_MS;
}

/** A message's reads as the ticks may show them: where read receipts are off (issue 15), none — a read shows as delivered. */
function readsOf(conversation: ConversationSummary, message: UiMessage): UiMessage {
  if (!conversation.readsHidden) return message;
  // A read implies delivery (the server stores it so), though this client may have heard only of the read.
  const readers = message.seenBy.map((user) => user.id).filter((id) => id !== message.sender.id && !message.deliveredTo.includes(id));
  return { ...message, seenBy: [], deliveredTo: [...message.deliveredTo, ...readers] };
}

/** messageId → the members (not me) for whom it is the newest message from someone else that they have seen. */
function seenMarkersOf(conversation: ConversationSummary, meId: string, ordered: UiMessage[]): Map<string, SafeUser[]> {
  const markers = new Map<string, SafeUser[]>();
  // Read receipts off in this 1:1 (issue 15): no "Seen", also for reads this client held before.
  if (conversation.readsHidden) return markers;
  for (const member of conversation.members) {
    if (member.id === meId) continue;
    for (let i = ordered.length - 1; i >= 0; i -= 1) {
      const message = ordered[i]!;
      if (message.status || message.sender.id === member.id || !message.seenBy.some((u) => u.id === member.id)) continue;
      const list = markers.get(message.id) ?? [];
      list.push(member);
      markers.set(message.id, list);
      break;
    }
  }
  return markers;
}
