"use client";
// One conversation: header (name, "Active now"/members, typing), the live message list and the
// composer. The server's first page seeds the store; realtime events and resyncs keep it current.
import { ArrowLeft, EllipsisVertical, ImagePlus, Phone, Search, Video } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { markSeenAction } from "@/app/(chat)/actions";
import { useRealtime } from "@/components/providers/realtime-provider";
import { Menu } from "@/components/ui/menu";
import type { ConversationSummary } from "@/lib/chat/conversations/dto";
import type { MessageActionLimits } from "@/lib/chat/message-actions/windows";
import type { MessagePage } from "@/lib/chat/messages/dto";
import { chatApi } from "@/lib/client/api";
import { conversationTitle, isOnline, otherMembers, presenceStatusOf, type UiMessage } from "@/lib/client/store";
import { SHOWN_STATUS_TEXT } from "@/lib/chat/status/shown";
import { useMessageStore, useMessageStoreApi } from "@/lib/client/store/message-slices";
import { lastActiveLabel } from "@/lib/client/format";
import { notify } from "@/lib/client/notify";
import { editMessage } from "@/lib/client/message-actions";
import { createOptimisticMessage, retryMessage, sendMessage } from "@/lib/client/send";
import type { UploadInFlight } from "@/lib/client/attachments";
import { setUnreadMark } from "@/lib/client/unread-mark";
import { setAssistantInChat } from "@/lib/client/assistant-in-chat";
import { setBlocked } from "@/lib/client/blocks";
import { MessageRequestBanner } from "./message-request-banner";
import type { AssistantPanelHandle } from "@/components/assistant/assistant-panel";
import type { AttachmentDto } from "@/lib/chat/attachments/dto";
import { GalleryButton } from "./gallery/gallery-button";
import { GroupInfoButton } from "./group-info/group-info-button";
import { useCallTimeline } from "@/components/calls/call-timeline";
import { Composer, type ComposerHandle } from "./composer";
import { ASK_AI_MENTION } from "./mention-suggestions";
import { firstUnread, MessageList } from "./message-list";
import { RemoveConversationDialog } from "./remove-conversation-dialog";
import { GroupAvatar, UserAvatar } from "./user-avatar";

// In-chat search: loaded when its header button is first used.
const loadChatSearch = () => import("./search/chat-search-bar");
const ChatSearchBar = lazy(() => loadChatSearch().then((m) => ({ default: m.ChatSearchBar })));
// The assistant's reply area: only in my Parley AI chat, loaded with it.
const AssistantPanel = lazy(() => import("@/components/assistant/assistant-panel"));
// The pin bar: loaded only for a chat with pinned messages.
const PinBar = lazy(() => import("./pin-bar"));
// Smart replies: only when I turned them on, loaded then.
const SmartReplies = lazy(() => import("@/components/assistant/smart-replies"));
// `@ai` answers being written in this chat: only for a chat whose members turned the assistant on.
const ChatAnswers = lazy(() => import("@/components/assistant/chat-answers"));
// "Catch me up" above the "New messages" divider: only when the assistant is on for me and the chat opened with unread messages.
const CatchUp = lazy(() => import("@/components/assistant/catch-up"));
// Calls (issue 18): the call code and UI load when a call button is pressed (joins a running group call late).
const startCall = (meId: string, conversationId: string, type: "voice" | "video") =>
  import("@/components/calls/mount").then((m) => {
    const calls = m.mountCalls();
    calls.setMe(meId);
    return calls.startCall(conversationId, type);
  });

export function ConversationView({
  conversation: initial,
  page,
  messageBodyMax,
  actionLimits,
  assistant = false,
  smartReplies = false,
  catchUp = false,
}: {
  conversation: ConversationSummary;
  page: MessagePage;
  messageBodyMax: number;
  actionLimits: MessageActionLimits;
  /** This is my chat with the Parley assistant: it answers each message I send. */
  assistant?: boolean;
  /** I turned smart replies on: suggested replies to the newest message when it is someone else's. */
  smartReplies?: boolean;
  /** The assistant is on for me: "Catch me up" above the "New messages" divider, and `@ai` in this chat. */
  catchUp?: boolean;
}) {
  const store = useMessageStoreApi();
  const realtime = useRealtime();
  const id = initial.id;
  const me = useMessageStore((s) => s.me);
  const enterToSend = useMessageStore((s) => s.settings.enterToSend);
  const conversation = useMessageStore((s) => s.conversations[id]) ?? initial;
  const held = useMessageStore((s) => s.messages[id]);
  const presence = useMessageStore((s) => s.presence);
  // Presence is unknown while the realtime connection is down (issue 16): no stale "Active now".
  const connection = useMessageStore((s) => s.connection);
  const disconnected = connection === "unavailable" || connection === "failed" || connection === "disconnected";
  const typingIds = useMessageStore((s) => s.typing[id]);
  const composer = useRef<ComposerHandle>(null);
  const assistantPanel = useRef<AssistantPanelHandle>(null);
  const router = useRouter();
  const [dragging, setDragging] = useState(false);
  const [searchOpen, setSearchOpen] = useState(false);
  const jump = useMessageStore((s) => (s.jump?.conversationId === id ? s.jump : null));
  const [highlight, setHighlight] = useState<{ id: string; seq: number } | null>(null);

  // "@" suggests the other members of a group, and `@ai` where the members turned the assistant on.
  const members = conversation.members;
  const isGroup = conversation.isGroup;
  const askAi = catchUp && !assistant && conversation.assistantInChat === true;
  const mentionables = useMemo(() => {
    const people = isGroup ? members.filter((m) => m.id !== me.id) : [];
    const all = askAi ? [ASK_AI_MENTION, ...people] : people;
    return all.length > 0 ? all : undefined;
  }, [isGroup, members, me.id, askAi]);

  const messages: UiMessage[] = held?.items ?? page.messages;
  // The "New messages" divider: computed when the chat opens from the server's page and what the
  // store held (messages that arrived live before it opened), before marking seen changes them.
  const [opened, setOpened] = useState(() => ({ page, firstUnreadId: firstUnread([...page.messages, ...(held?.items ?? [])], me.id) }));
  if (opened.page !== page) setOpened({ page, firstUnreadId: firstUnread([...page.messages, ...(held?.items ?? [])], me.id) });
  const hasOlder = held ? held.hasOlder : page.hasOlder;
  const callTimeline = useCallTimeline(id, me.id, hasOlder);

  // Seed the store with the server's page and mark this conversation as the open one.
  useEffect(() => {
    const state = store.getState();
    state.upsertConversation({ ...(state.conversations[id] ?? initial), unreadCount: 0 });
    state.loadPage(id, page, "initial");
    state.setActive(id);
    // Opening a chat I had marked unread reads it (here and on my other tabs and devices).
    if (state.conversations[id]?.markedUnread) void setUnreadMark(store, id, false);
    // The page was rendered on the server a moment ago: catch up with anything sent since.
    void realtime.resyncConversation(id);
    // On wide screens the composer is ready to type (phones would pop the keyboard up).
    if (window.matchMedia("(min-width: 768px)").matches) composer.current?.focus();
    return () => {
      if (store.getState().activeId === id) store.getState().setActive(null);
    };
  }, [store, realtime, id, initial, page]);

  // Removed from the group, or the group was deleted (conversation:remove while it is open): leave it.
  const present = useMessageStore((s) => s.conversations[id] !== undefined);
  const wasPresent = useRef(false);
  useEffect(() => {
    if (present) wasPresent.current = true;
    else if (wasPresent.current) router.replace("/chat");
  }, [present, router]);

  // Read receipts: tell the server I have seen the newest message from someone else.
  const lastMarked = useRef<string | null>(null);
  const newestFromOthers = messages.find((m) => m.sender.id !== me.id && !m.status);
  const needsSeen = newestFromOthers && !newestFromOthers.seenBy.some((u) => u.id === me.id) ? newestFromOthers.id : null;
  useEffect(() => {
    if (!needsSeen) return;
    const mark = () => {
      if (document.visibilityState !== "visible" || lastMarked.current === needsSeen) return;
      lastMarked.current = needsSeen;
      store.getState().patchConversation(id, { unreadCount: 0 });
      markSeenAction(id, needsSeen)
        .then((result) => {
          if (result.ok) store.getState().patchConversation(id, { unreadCount: result.data.unreadCount });
          else lastMarked.current = null;
        })
        .catch(() => {
          lastMarked.current = null;
        });
    };
    mark();
    document.addEventListener("visibilitychange", mark);
    return () => document.removeEventListener("visibilitychange", mark);
  }, [needsSeen, id, store]);

  // A search hit to show: the page around it replaces what is held, then the list scrolls to it.
  const jumpSeq = jump?.seq;
  const jumpId = jump?.messageId;
  useEffect(() => {
    if (!jumpId || jumpSeq === undefined) return;
    let cancelled = false;
    // After the catch-up resync of the open (one run at a time: this waits for it), so it cannot
    // merge the newest messages into the window around the hit.
    realtime
      .resyncConversation(id)
      .then(() => chatApi.messages(id, { around: jumpId }))
      .then((around) => {
        if (cancelled) return;
        store.getState().loadAround(id, around);
        store.getState().consumeJump(jumpSeq);
        setHighlight({ id: jumpId, seq: jumpSeq });
      })
      .catch((e: Error) => notify.error(e.message));
    return () => {
      cancelled = true;
    };
  }, [id, jumpId, jumpSeq, store, realtime]);

  const loadingNewer = useRef(false);
  const loadNewer = useCallback(async () => {
    const state = store.getState().messages[id];
    if (!state?.hasNewer || !state.newerCursor || loadingNewer.current) return;
    loadingNewer.current = true;
    try {
      store.getState().loadNewer(id, await chatApi.messages(id, { after: state.newerCursor }));
    } catch (e) {
      notify.error((e as Error).message);
    } finally {
      loadingNewer.current = false;
    }
  }, [id, store]);

  const loadOlder = useCallback(async () => {
    const state = store.getState().messages[id];
    if (!state?.olderCursor || state.loadingOlder) return;
    store.getState().setLoadingOlder(id, true);
    try {
      const older = await chatApi.messages(id, { before: state.olderCursor });
      store.getState().loadPage(id, older, "older");
    } catch (e) {
      store.getState().setLoadingOlder(id, false);
      notify.error((e as Error).message);
    }
  }, [id, store]);

  const intent = useMessageStore((s) => s.composerIntent[id]) ?? null;
  const send = useCallback(
    (body: string | null, file: File | null, attachments: AttachmentDto[] = [], uploads: UploadInFlight[] = []) => {
      const current = store.getState().composerIntent[id];
      store.getState().setComposerIntent(id, null);
      if (current?.kind === "edit") {
        if (body) void editMessage(store, current.message, body);
        return;
      }
      const replyTo = current?.kind === "reply" ? current.message : null;
      const messageId = createOptimisticMessage(store, id, body, file, replyTo, attachments, uploads);
      void sendMessage(store, id, messageId).then((result) => {
        // A file refused while the message waited for it: back in the composer beside its error (the
        // rest went out); if this chat's composer is gone (I left the chat), a toast says it.
        if (result.dropped?.length) {
          if (composer.current) composer.current.restoreFiles(result.dropped);
          else for (const { file, error } of result.dropped) notify.error(`${file.name} was not sent: ${error}`);
        }
        // Queued (offline): the clock on the message says it; it goes out when the connection returns.
        if (result.queued || result.cancelled) return;
        if (!result.ok) {
          if (result.error) notify.error(`Message not sent: ${result.error}`);
        } else if (assistant) assistantPanel.current?.ask();
      });
    },
    [id, store, assistant],
  );

  const retry = useCallback(
    (messageId: string) => {
      void retryMessage(store, id, messageId).then((result) => {
        if (!result.ok && !result.queued) notify.error(`Message not sent: ${result.error}`);
      });
    },
    [id, store],
  );

  const onTyping = useCallback((typing: boolean) => realtime.sendTyping(id, typing), [realtime, id]);

  // What smart replies answer: the newest message I can see (not a tombstone), when someone else sent it.
  const newestShown = messages.find((m) => m.body !== null || m.image !== null);
  const suggestFor =
    smartReplies && !assistant && newestShown && newestShown.sender.id !== me.id && !newestShown.status ? newestShown.id : null;
  const pickSuggestion = useCallback((text: string) => composer.current?.insert(text), []);
  const aboveDivider = useMemo(
    () =>
      catchUp && !assistant
        ? (messageId: string) => (
            <Suspense fallback={null}>
              <CatchUp conversationId={id} fromMessageId={messageId} />
            </Suspense>
          )
        : undefined,
    [catchUp, assistant, id],
  );

  // `@ai` in this chat (issue 19): offered to me when the assistant is on for me (not in my chat with
  // it, which answers everything); any member of a 1:1 changes it, a group's admins.
  const aiInChat = askAi;
  const aiMenu =
    catchUp && !assistant && (!conversation.isGroup || conversation.myRole === "admin")
      ? [
          {
            label: aiInChat ? "Turn off Parley AI in this chat" : "Turn on Parley AI in this chat",
            onSelect: () => void setAssistantInChat(store, id, !aiInChat),
          },
        ]
      : [];

  const others = otherMembers(conversation, me.id);
  const title = conversationTitle(conversation, me.id);
  // Block / unblock the other member of a 1:1 (issue 15; not my chat with the assistant).
  const blocked = conversation.blockedByMe === true;
  const other = !conversation.isGroup && !assistant ? others[0] : undefined;
  const toggleBlock = other ? () => void setBlocked(store, id, other.id, !blocked) : null;
  // Group admin (issue 15): a plain member of a group where only admins send sees a notice, not the composer.
  const adminsOnly = conversation.isGroup && conversation.settings?.adminsOnlySend === true && conversation.myRole !== "admin";
  const onlineOthers = others.filter((m) => isOnline(presence, m.id));
  // The other person's status in a 1:1 (issue 15): online, away or busy while connected.
  const shown = !conversation.isGroup && others[0] ? presenceStatusOf(presence, others[0]) : null;
  const typingNames = (typingIds ?? []).map((uid) => conversation.members.find((m) => m.id === uid)?.name ?? "Someone");
  let status: string;
  if (typingNames.length === 1) status = conversation.isGroup ? `${typingNames[0]} is typing…` : "typing…";
  else if (typingNames.length > 1)
    status = `${typingNames.slice(0, 2).join(" and ")}${typingNames.length > 2 ? " and others" : ""} are typing…`;
  else if (conversation.isGroup)
    status = `${conversation.members.length} members${onlineOthers.length ? ` · ${onlineOthers.length} active now` : ""}`;
  else if (disconnected && !assistant) status = "Connecting…";
  else if (shown) status = SHOWN_STATUS_TEXT[shown];
  else status = lastActiveLabel(others[0]?.lastActiveAt ?? null);

  return (
    <section
      aria-labelledby={`conversation-title-${id}`}
      className="relative flex h-full flex-col"
      onDragOver={(e) => {
        if (Array.from(e.dataTransfer.types).includes("Files")) {
          e.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        // One image: the message image, as before; anything else (or several): the files tray (issue 14).
        const dropped = Array.from(e.dataTransfer.files);
        if (dropped.length === 1 && dropped[0]!.type.startsWith("image/")) composer.current?.attach(dropped[0]!);
        else if (dropped.length > 0) composer.current?.attachFiles(dropped);
      }}
    >
      <header className="flex h-16 shrink-0 items-center gap-1 border-b border-neutral-200 px-1 sm:gap-3 sm:px-4 dark:border-neutral-800">
        <Link href="/chat" className="icon-button md:hidden" aria-label="Back to conversations">
          <ArrowLeft aria-hidden className="size-5" />
        </Link>
        {conversation.isGroup ? (
          <GroupAvatar members={others} size={40} online={onlineOthers.length > 0} icon={conversation.icon} name={title} />
        ) : (
          <UserAvatar user={others[0] ?? me} size={40} online={shown} />
        )}
        <div className="min-w-0 flex-1">
          <div className="flex min-w-0 items-center gap-2">
            <h2 id={`conversation-title-${id}`} className="truncate font-semibold">
              {title}
            </h2>
            {aiInChat ? (
              <span
                className="shrink-0 rounded-full bg-violet-100 px-2 py-0.5 text-xs font-medium text-violet-800 dark:bg-violet-900 dark:text-violet-100"
                title="Members can ask the assistant here: start a message with @ai"
              >
                Parley AI on
              </span>
            ) : null}
          </div>
          <p
            className={`truncate text-xs ${typingNames.length ? "text-sky-700 dark:text-sky-400" : "text-neutral-600 dark:text-neutral-400"}`}
            aria-live="polite"
            title={conversation.isGroup ? conversation.members.map((m) => m.name ?? "Parley user").join(", ") : undefined}
          >
            {status}
          </p>
        </div>
        {conversation.isGroup ? <GroupInfoButton conversationId={id} /> : null}
        <GalleryButton conversationId={id} />
        {assistant ? null : (
          <>
            <button
              type="button"
              className="icon-button"
              aria-label="Voice call"
              title="Voice call"
              onClick={() => void startCall(me.id, id, "voice")}
            >
              <Phone aria-hidden className="size-5" />
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label="Video call"
              title="Video call"
              onClick={() => void startCall(me.id, id, "video")}
            >
              <Video aria-hidden className="size-5" />
            </button>
          </>
        )}
        <button
          type="button"
          className="icon-button"
          aria-label="Search in this chat"
          title="Search in this chat"
          aria-expanded={searchOpen}
          onPointerEnter={() => void loadChatSearch().catch(() => {})}
          onClick={() => setSearchOpen((open) => !open)}
        >
          <Search aria-hidden className="size-5" />
        </button>
        <Menu
          label="Chat options"
          icon={<EllipsisVertical aria-hidden className="size-5" />}
          items={[
            {
              label: "Mark as unread",
              // Leave the chat so the dot shows (staying in it would read it again).
              onSelect: () => {
                void setUnreadMark(store, id, true);
                router.push("/chat");
              },
            },
            ...aiMenu,
            ...(toggleBlock ? [{ label: blocked ? "Unblock" : "Block", onSelect: toggleBlock }] : []),
          ]}
        />
        <RemoveConversationDialog conversationId={id} isGroup={conversation.isGroup} title={title} />
      </header>

      {conversation.pins?.length ? (
        <Suspense fallback={null}>
          <PinBar conversation={conversation} />
        </Suspense>
      ) : null}

      {searchOpen ? (
        <Suspense fallback={null}>
          <ChatSearchBar conversationId={id} onClose={() => setSearchOpen(false)} />
        </Suspense>
      ) : null}

      <MessageList
        conversation={conversation}
        highlight={highlight}
        hasNewer={held?.hasNewer ?? false}
        onLoadNewer={() => void loadNewer()}
        meId={me.id}
        messages={messages}
        hasOlder={hasOlder}
        loadingOlder={held?.loadingOlder ?? false}
        onLoadOlder={() => void loadOlder()}
        onRetry={retry}
        firstUnreadId={opened.firstUnreadId}
        actionLimits={actionLimits}
        between={callTimeline}
        aboveDivider={aboveDivider}
      />

      {conversation.assistantInChat && !assistant ? (
        <Suspense fallback={null}>
          <ChatAnswers conversationId={id} />
        </Suspense>
      ) : null}

      {assistant ? (
        <Suspense fallback={null}>
          <AssistantPanel
            ref={assistantPanel}
            conversationId={id}
            canRegenerate={messages.find((m) => m.body !== null || m.image !== null)?.sender.id !== me.id && messages.length > 0}
          />
        </Suspense>
      ) : null}

      {suggestFor ? (
        <Suspense fallback={null}>
          <SmartReplies conversationId={id} messageId={suggestFor} onPick={pickSuggestion} />
        </Suspense>
      ) : null}

      {/* A 1:1 from someone not in my contacts (issue 15): answer it here, or just reply. */}
      {conversation.messageRequest && !blocked && other ? (
        <MessageRequestBanner
          store={store}
          conversationId={id}
          senderName={other.name ?? "Parley user"}
          onBlock={() => void setBlocked(store, id, other.id, true)}
        />
      ) : null}
      {adminsOnly ? (
        <p className="shrink-0 border-t border-neutral-200 p-4 text-center text-sm text-neutral-600 dark:border-neutral-800 dark:text-neutral-400">
          Only admins can send messages
        </p>
      ) : blocked && toggleBlock ? (
        <p className="flex shrink-0 items-center justify-center gap-3 border-t border-neutral-200 p-4 text-sm dark:border-neutral-800">
          You blocked this contact.
          <button type="button" className="font-semibold text-sky-700 hover:underline dark:text-sky-400" onClick={toggleBlock}>
            Unblock
          </button>
        </p>
      ) : (
        <Composer
          ref={composer}
          onSend={send}
          onTyping={onTyping}
          conversationName={title}
          messageBodyMax={messageBodyMax}
          mentionables={mentionables}
          intent={intent}
          onCancelIntent={() => store.getState().setComposerIntent(id, null)}
          nameOf={(user) => (user.id === me.id ? "yourself" : (user.name ?? "Parley user"))}
          enterToSend={enterToSend}
        />
      )}

      {dragging ? (
        <div
          aria-hidden
          className="pointer-events-none absolute inset-2 z-10 flex items-center justify-center rounded-2xl border-2 border-dashed border-sky-500 bg-sky-50/90 dark:bg-sky-950/90"
        >
          <span className="flex items-center gap-2 font-semibold text-sky-700 dark:text-sky-300">
            <ImagePlus aria-hidden className="size-6" /> Drop the image to attach it
          </span>
        </div>
      ) : null}
    </section>
  );
}
