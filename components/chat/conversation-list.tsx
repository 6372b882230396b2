"use client";
// My conversations: the ones I pinned first (newest pin first), then newest activity first: avatar
// (online dot), name, pinned and muted marks, last message preview, relative time and unread badge
// (muted styling for a muted chat; a dot when I marked it unread). Each row is a link to the
// conversation, with a "Chat options" menu beside it (also on right-click): mark read/unread, pin,
// mute for 8 hours / 1 week / always, archive. Above the rows: the filter row (All / Unread / Groups /
// Requests with their count, toggle buttons with aria-pressed) and the "Archived" entry that opens my Archived folder.
import { Archive, ArrowLeft, BellOff, EllipsisVertical, ImageIcon, Pin } from "lucide-react";
import Link from "next/link";
import { mentionsAsText } from "@/lib/chat/mentions/tokens";
import { usePathname } from "next/navigation";
import { lazy, Suspense, useCallback, useMemo, useState } from "react";
import { chatApi } from "@/lib/client/api";
import type { ConversationSummary } from "@/lib/chat/conversations/dto";
import { isMuted } from "@/lib/chat/chat-list/mute";
import {
  conversationTitle,
  isOnline,
  presenceStatusOf,
  listView,
  otherMembers,
  sortConversations,
  useChat,
  useChatStoreApi,
  type ListFilter,
} from "@/lib/client/store";
import { listTime } from "@/lib/client/format";
import { notify } from "@/lib/client/notify";
import { GroupAvatar, UserAvatar } from "./user-avatar";

// A group notice's words ("Ana added Ben", issue 15): loaded when a row first shows one (not first-load JavaScript).
const SystemPreview = lazy(() => import("./group-info/system-preview"));

const FILTERS: { value: ListFilter; label: string }[] = [
  { value: "all", label: "All" },
  { value: "unread", label: "Unread" },
  { value: "groups", label: "Groups" },
  { value: "requests", label: "Requests" },
];

const chipClass = (pressed: boolean) =>
  `rounded-full px-3 py-1 text-sm font-semibold transition ${
    pressed
      ? "bg-sky-700 text-white"
      : "bg-neutral-200/70 text-neutral-800 hover:bg-neutral-300 dark:bg-neutral-800 dark:text-neutral-200 dark:hover:bg-neutral-700"
  }`;

export function ConversationList({ onFindPeople }: { onFindPeople: () => void }) {
  const conversations = useChat((s) => s.conversations);
  const pinnedId = useChat((s) => s.pinnedConversationId);
  const sorted = useMemo(() => sortConversations(conversations, pinnedId), [conversations, pinnedId]);
  const [folder, setFolder] = useState<"inbox" | "archived">("inbox");
  const [filter, setFilter] = useState<ListFilter>("all");
  const shown = useMemo(() => listView(sorted, folder, filter), [sorted, folder, filter]);
  // Message requests waiting for my answer (issue 15): counted on their filter chip.
  const requestCount = useMemo(() => listView(sorted, "inbox", "requests").length, [sorted]);
  const inboxCursor = useChat((s) => s.conversationsCursor);
  const archivedCursor = useChat((s) => s.archivedCursor);
  const archivedCount = useChat((s) => s.archivedCount);
  const store = useChatStoreApi();
  const [loadingMore, setLoadingMore] = useState(false);
  const cursor = folder === "inbox" ? inboxCursor : archivedCursor;
  const loadMore = async (from: "inbox" | "archived", at?: string) => {
    setLoadingMore(true);
    try {
      const page = await chatApi.listConversations(at, from);
      if (from === "inbox") store.getState().appendConversations(page.conversations, page.nextCursor);
      else store.getState().appendArchived(page.conversations, page.nextCursor);
    } catch (e) {
      notify.error((e as Error).message);
    } finally {
      setLoadingMore(false);
    }
  };
  const openArchived = () => {
    setFolder("archived");
    // Its first page, once per tab; events keep it current afterwards.
    if (store.getState().archivedCursor === undefined) void loadMore("archived");
  };
  if (sorted.length === 0 && archivedCount === 0) {
    return (
      <div className="flex flex-col items-center gap-3 px-6 py-12 text-center">
        <p className="text-sm text-neutral-600 dark:text-neutral-400">No conversations yet.</p>
        <button
          type="button"
          onClick={onFindPeople}
          className="rounded-full bg-sky-700 px-4 py-2 text-sm font-semibold text-white hover:bg-sky-800"
        >
          Find people to chat with
        </button>
      </div>
    );
  }
  return (
    <nav aria-label={folder === "archived" ? "Archived conversations" : "Conversations"}>
      {folder === "archived" ? (
        <div className="flex items-center gap-2 px-3 pb-2">
          <button
            type="button"
            onClick={() => setFolder("inbox")}
            aria-label="Back to all chats"
            className="rounded-full p-1.5 text-neutral-700 hover:bg-neutral-200/60 dark:text-neutral-300 dark:hover:bg-neutral-800"
          >
            <ArrowLeft aria-hidden className="size-4" />
          </button>
          <h2 className="text-sm font-semibold">Archived</h2>
        </div>
      ) : (
        <>
          <div role="group" aria-label="Filter chats" className="flex flex-wrap gap-2 px-3 pb-2">
            {FILTERS.map((f) => (
              <button
                key={f.value}
                type="button"
                aria-pressed={filter === f.value}
                onClick={() => setFilter(f.value)}
                className={chipClass(filter === f.value)}
              >
                {f.label}
                {f.value === "requests" && requestCount > 0 ? (
                  <>
                    {" "}
                    <span className="tabular-nums">{requestCount}</span>
                  </>
                ) : null}
              </button>
            ))}
          </div>
          {archivedCount > 0 ? (
            <div className="px-2">
              <button
                type="button"
                onClick={openArchived}
                className="flex w-full items-center gap-3 rounded-xl px-2 py-2 text-left hover:bg-neutral-200/60 dark:hover:bg-neutral-800"
              >
                <span className="inline-flex size-12 shrink-0 items-center justify-center text-neutral-600 dark:text-neutral-400">
                  <Archive aria-hidden className="size-5" />
                </span>
                <span className="flex-1 font-semibold">Archived</span>
                <span className="text-xs text-neutral-600 dark:text-neutral-400">
                  <span aria-hidden>{archivedCount}</span>
                  <span className="sr-only">{`${archivedCount} ${archivedCount === 1 ? "chat" : "chats"}`}</span>
                </span>
              </button>
            </div>
          ) : null}
        </>
      )}
      {shown.length === 0 ? (
        <p className="px-6 py-6 text-center text-sm text-neutral-600 dark:text-neutral-400">
          {folder === "archived"
            ? loadingMore
              ? "Loading…"
              : "No archived chats."
            : filter === "unread"
              ? "No unread chats."
              : filter === "requests"
                ? "No message requests."
                : "No group chats."}
        </p>
      ) : (
        <ul className="flex flex-col gap-0.5 px-2 pb-2">
          {shown.map((conversation) => (
            <ConversationItem key={conversation.id} conversation={conversation} />
          ))}
        </ul>
      )}
      {cursor ? (
        <div className="flex justify-center pb-3">
          <button
            type="button"
            onClick={() => void loadMore(folder, cursor)}
            disabled={loadingMore}
            className="rounded-full px-3 py-1.5 text-sm font-semibold text-sky-700 hover:bg-sky-50 disabled:opacity-60 dark:text-sky-400 dark:hover:bg-sky-950"
          >
            {loadingMore ? "Loading…" : folder === "archived" ? "Show older archived chats" : "Show older conversations"}
          </button>
        </div>
      ) : null}
    </nav>
  );
}

// The row menu (its items and their operations) loads the first time a row's menu is wanted (or
// its trigger is pointed at or focused): until then a trigger that looks and reads the same.
const loadRowMenu = () => import("./conversation-row-menu");
const ConversationRowMenu = lazy(loadRowMenu);
const preloadRowMenu = () => void loadRowMenu().catch(() => {});

function ConversationItem({ conversation }: { conversation: ConversationSummary }) {
  const [menuWanted, setMenuWanted] = useState(false);
  const [menuOpen, setMenuOpenState] = useState(false);
  // Stable: the menu's open effect (focus, outside-click listener) depends on it.
  const setMenuOpen = useCallback((open: boolean) => {
    if (open) setMenuWanted(true);
    setMenuOpenState(open);
  }, []);
  const meId = useChat((s) => s.me.id);
  const label = `Chat options for ${conversationTitle(conversation, meId)}`;
  // The open menu is taller than a row: above the next rows' buttons (the transform makes this
  // wrapper a stacking context, so the menu's own z-index cannot do it).
  const className = `absolute top-1/2 right-1 -translate-y-1/2 opacity-100 group-focus-within:opacity-100 group-hover:opacity-100 md:opacity-0 ${menuOpen ? "z-30" : ""}`;
  const trigger = (
    <div className={className}>
      <button
        type="button"
        className="icon-button"
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={false}
        onPointerEnter={preloadRowMenu}
        onFocus={preloadRowMenu}
        onClick={() => setMenuOpen(true)}
      >
        <EllipsisVertical aria-hidden className="size-4" />
      </button>
    </div>
  );
  return (
    <li
      className="group relative"
      onContextMenu={(event) => {
        event.preventDefault();
        setMenuOpen(true);
      }}
    >
      <ConversationRow conversation={conversation} />
      {menuWanted ? (
        <Suspense fallback={trigger}>
          <ConversationRowMenu conversation={conversation} label={label} open={menuOpen} onOpenChange={setMenuOpen} className={className} />
        </Suspense>
      ) : (
        trigger
      )}
    </li>
  );
}

function ConversationRow({ conversation }: { conversation: ConversationSummary }) {
  const meId = useChat((s) => s.me.id);
  const presence = useChat((s) => s.presence);
  const typing = useChat((s) => s.typing[conversation.id]);
  const pathname = usePathname();
  const active = pathname === `/chat/${conversation.id}`;
  const pinned = useChat((s) => s.pinnedConversationId === conversation.id) || Boolean(conversation.pinnedAt);
  const muted = isMuted(conversation);
  const others = otherMembers(conversation, meId);
  const online = others.some((m) => isOnline(presence, m.id));
  // A 1:1 shows the other person's status (issue 15): online, away or busy.
  const shown = !conversation.isGroup && others[0] ? presenceStatusOf(presence, others[0]) : null;
  const title = conversationTitle(conversation, meId);
  const last = conversation.lastMessage;
  const unread = active ? 0 : conversation.unreadCount;
  // "Mark as unread" shows a dot while there is no count to show.
  const dot = !active && unread === 0 && conversation.markedUnread;
  const typingNames = (typing ?? []).map((id) => conversation.members.find((m) => m.id === id)?.name ?? "Someone");

  let preview: React.ReactNode = <span className="italic">No messages yet</span>;
  if (typingNames.length > 0) {
    preview = <span className="text-sky-700 dark:text-sky-400">{conversation.isGroup ? `${typingNames[0]} is typing…` : "typing…"}</span>;
  } else if (last?.system) {
    preview = (
      <Suspense fallback={null}>
        <SystemPreview system={last.system} actor={conversation.members.find((m) => m.id === last.senderId) ?? null} meId={meId} />
      </Suspense>
    );
  } else if (last) {
    const who =
      last.senderId === meId
        ? "You: "
        : conversation.isGroup
          ? `${conversation.members.find((m) => m.id === last.senderId)?.name?.split(" ")[0] ?? "Someone"}: `
          : "";
    preview = (
      <>
        {who}
        {last.deleted ? (
          <span className="italic">This message was deleted</span>
        ) : last.body ? (
          mentionsAsText(last.body, (userId) => conversation.members.find((m) => m.id === userId)?.name ?? null)
        ) : last.hasImage ? (
          <span className="inline-flex items-center gap-1">
            <ImageIcon aria-hidden className="size-3.5" /> Photo
          </span>
        ) : last.files ? (
          <span>{last.files === 1 ? "1 file" : `${last.files} files`}</span>
        ) : null}
      </>
    );
  }

  return (
    <Link
      href={`/chat/${conversation.id}`}
      aria-current={active ? "page" : undefined}
      className={`flex items-center gap-3 rounded-xl py-2 pr-10 pl-2 transition ${
        active ? "bg-sky-100 dark:bg-sky-950" : "hover:bg-neutral-200/60 dark:hover:bg-neutral-800"
      }`}
    >
      {conversation.isGroup ? (
        <GroupAvatar members={others} size={48} online={online} icon={conversation.icon} name={title} />
      ) : (
        <UserAvatar user={others[0] ?? { id: meId, name: title, image: null }} size={48} online={shown} />
      )}
      <span className="flex min-w-0 flex-1 flex-col">
        <span className="flex items-baseline gap-2">
          <span className={`min-w-0 flex-1 truncate ${unread > 0 || dot ? "font-bold" : "font-semibold"}`}>{title}</span>
          {pinned ? (
            <>
              <Pin aria-hidden className="size-3.5 shrink-0 text-neutral-600 dark:text-neutral-400" />
              <span className="sr-only">(pinned)</span>
            </>
          ) : null}
          {muted ? (
            <>
              <BellOff aria-hidden className="size-3.5 shrink-0 text-neutral-600 dark:text-neutral-400" />
              <span className="sr-only">(muted)</span>
            </>
          ) : null}
          {online ? <span className="sr-only">({shown ?? "online"})</span> : null}
          <time
            dateTime={conversation.lastMessageAt}
            suppressHydrationWarning
            className="shrink-0 text-xs text-neutral-600 dark:text-neutral-400"
          >
            {listTime(last?.createdAt ?? conversation.lastMessageAt)}
          </time>
        </span>
        <span className="flex items-center gap-2">
          <span
            className={`min-w-0 flex-1 truncate text-sm ${unread > 0 ? "font-semibold text-neutral-900 dark:text-white" : "text-neutral-600 dark:text-neutral-400"}`}
          >
            {preview}
          </span>
          {unread > 0 && conversation.mentionCount > 0 ? (
            <span
              aria-label={`${conversation.mentionCount} ${conversation.mentionCount === 1 ? "mention" : "mentions"} of you`}
              role="img"
              className="inline-flex size-5 shrink-0 items-center justify-center rounded-full bg-amber-500 text-xs font-bold text-white"
            >
              @
            </span>
          ) : null}
          {unread > 0 ? (
            <span
              data-muted={muted || undefined}
              className={`inline-flex min-w-5 shrink-0 items-center justify-center rounded-full px-1.5 text-xs font-bold text-white ${muted ? "bg-neutral-500 dark:bg-neutral-600" : "bg-sky-700"}`}
            >
              <span aria-hidden>{unread > 99 ? "99+" : unread}</span>
              <span className="sr-only">{`${unread} unread ${unread === 1 ? "message" : "messages"}`}</span>
            </span>
          ) : dot ? (
            <span className="inline-flex size-3 shrink-0 rounded-full bg-sky-700" data-testid="unread-dot">
              <span className="sr-only">Marked as unread</span>
            </span>
          ) : null}
        </span>
      </span>
    </Link>
  );
}
