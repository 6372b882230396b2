// The realtime dispatcher: every event is validated before a capability sees it, unknown events
// and invalid payloads are ignored, and each event reaches the handlers registered for its channel
// kind and name (in registration order).
import { describe, expect, it, vi } from "vitest";
import type { SafeUser } from "@/lib/chat/kernel/dto";
import { onAssistantProgress } from "@/lib/client/assistant-progress";
import { chatAnswersOf } from "@/lib/client/assistant-answers";
import { createChatStore } from "@/lib/client/store";
import { directSummary } from "@/tests/support/summaries";
import { withMessageSlices } from "@/lib/client/store/message-slices";
import { EVENTS } from "@/lib/realtime/events";
import { CAPABILITIES, createDispatcher, PUSHER_EVENTS, type Capability } from "./dispatcher";

const me: SafeUser = { id: "00000000-0000-7000-8000-000000000001", name: "Me", image: null };
const other: SafeUser = { id: "00000000-0000-7000-8000-000000000002", name: "Other", image: null };
const conversationId = "00000000-0000-7000-8000-0000000000c1";
const messageId = "00000000-0000-7000-8000-00000000000a";

const session = () => ({ store: withMessageSlices(createChatStore(me, "postgresql", [])), meId: me.id });
const seen = { conversationId, user: other, upTo: { id: messageId, createdAt: "2026-11-22T10:00:00.000Z" } };

describe("realtime dispatcher", () => {
  it("routes a valid event to the handler registered for its channel kind and name", () => {
    const onSeen = vi.fn();
    const onUserSeen = vi.fn();
    const onRemove = vi.fn();
    const dispatcher = createDispatcher(session(), [
      () => ({ conversation: { [EVENTS.messageSeen]: onSeen }, user: { [EVENTS.conversationRemove]: onRemove } }),
      () => ({ user: { [EVENTS.messageSeen]: onUserSeen } }),
    ]);

    expect(dispatcher.dispatch("conversation", EVENTS.messageSeen, seen, { conversationId })).toBe(true);
    expect(onSeen).toHaveBeenCalledExactlyOnceWith(seen, { conversationId });
    expect(onUserSeen).not.toHaveBeenCalled();
    expect(onRemove).not.toHaveBeenCalled();

    expect(dispatcher.dispatch("user", EVENTS.conversationRemove, { id: conversationId }, {})).toBe(true);
    expect(onRemove).toHaveBeenCalledExactlyOnceWith({ id: conversationId }, {});
  });

  it("ignores an event no capability handles", () => {
    const handler = vi.fn();
    const dispatcher = createDispatcher(session(), [() => ({ conversation: { [EVENTS.messageSeen]: handler } })]);
    expect(dispatcher.dispatch("conversation", "message:deleted", seen, { conversationId })).toBe(false);
    expect(dispatcher.dispatch("conversation", "constructor", seen, { conversationId })).toBe(false);
    // A known event on a channel kind where nobody handles it.
    expect(dispatcher.dispatch("presence", EVENTS.messageSeen, seen, { conversationId })).toBe(false);
    expect(handler).not.toHaveBeenCalled();
  });

  it("ignores an invalid payload", () => {
    const handler = vi.fn();
    const members = vi.fn();
    const dispatcher = createDispatcher(session(), [
      () => ({ conversation: { [EVENTS.messageSeen]: handler }, presence: { [PUSHER_EVENTS.memberAdded]: members } }),
    ]);
    expect(dispatcher.dispatch("conversation", EVENTS.messageSeen, { conversationId }, { conversationId })).toBe(false);
    expect(dispatcher.dispatch("conversation", EVENTS.messageSeen, "not json", { conversationId })).toBe(false);
    expect(
      dispatcher.dispatch("conversation", EVENTS.messageSeen, { ...seen, upTo: { id: "", createdAt: "yesterday" } }, { conversationId }),
    ).toBe(false);
    expect(dispatcher.dispatch("presence", PUSHER_EVENTS.memberAdded, { id: 42 }, { conversationId })).toBe(false);
    expect(handler).not.toHaveBeenCalled();
    expect(members).not.toHaveBeenCalled();
  });

  it("runs every capability's handler of one event, in registration order", () => {
    const calls: string[] = [];
    const first: Capability = () => ({ conversation: { [EVENTS.messageSeen]: () => calls.push("first") } });
    const second: Capability = () => ({ conversation: { [EVENTS.messageSeen]: () => calls.push("second") } });
    const dispatcher = createDispatcher(session(), [first, second]);
    dispatcher.dispatch("conversation", EVENTS.messageSeen, seen, { conversationId });
    expect(calls).toEqual(["first", "second"]);
  });

  it("lists the events to bind per channel kind, and fans out the lifecycle to every capability", () => {
    const lifecycle = { subscribe: vi.fn(), unsubscribe: vi.fn(), dispose: vi.fn() };
    const dispatcher = createDispatcher(session(), [
      () => ({ conversation: { [EVENTS.messageSeen]: () => {}, [PUSHER_EVENTS.subscribed]: () => {} }, ...lifecycle }),
      () => ({ conversation: { [EVENTS.messageSeen]: () => {} }, presence: { [EVENTS.typing]: () => {} } }),
    ]);
    expect(dispatcher.events("conversation")).toEqual([EVENTS.messageSeen, PUSHER_EVENTS.subscribed]);
    expect(dispatcher.events("presence")).toEqual([EVENTS.typing]);
    expect(dispatcher.events("user")).toEqual([]);
    dispatcher.subscribe(conversationId);
    dispatcher.unsubscribe(conversationId);
    dispatcher.dispose();
    expect(lifecycle.subscribe).toHaveBeenCalledWith(conversationId);
    expect(lifecycle.unsubscribe).toHaveBeenCalledWith(conversationId);
    expect(lifecycle.dispose).toHaveBeenCalledOnce();
  });

  it("feeds the chat store through the registered capabilities", () => {
    const s = session();
    const dispatcher = createDispatcher(s, CAPABILITIES);
    try {
      expect(dispatcher.events("user").sort()).toEqual(
        [
          EVENTS.conversationNew,
          EVENTS.conversationRemove,
          EVENTS.conversationUpdate,
          EVENTS.unreadMark,
          EVENTS.listState,
          EVENTS.messageHidden,
          EVENTS.assistantProgress,
          EVENTS.assistantAnswer,
          EVENTS.star,
          EVENTS.callUpdate,
          EVENTS.callSignal,
          EVENTS.status,
          EVENTS.contactsChanged,
          EVENTS.privacyChanged,
          EVENTS.settingsChanged,
          EVENTS.groupInvitationsChanged,
          EVENTS.notificationNew,
          EVENTS.notificationRead,
          EVENTS.notificationRemoved,
          EVENTS.messageRequest,
          PUSHER_EVENTS.subscribed,
        ].sort(),
      );
      dispatcher.subscribe(conversationId);
      // pusher-js emits its Members object (a class instance) when a presence subscription succeeds.
      class Members {
        members: Record<string, unknown> = { [me.id]: {}, [other.id]: { name: "Other" } };
        each() {}
      }
      expect(dispatcher.dispatch("presence", PUSHER_EVENTS.subscribed, new Members(), { conversationId })).toBe(true);
      expect(s.store.getState().presence[conversationId]).toEqual([me.id, other.id]);

      // A member's status (issue 15) shows on them in every chat; online again clears it.
      s.store.getState().upsertConversation(directSummary(conversationId, me, other));
      expect(dispatcher.dispatch("presence", EVENTS.memberStatus, { userId: other.id, status: "busy" }, { conversationId })).toBe(true);
      expect(s.store.getState().conversations[conversationId]!.members.find((m) => m.id === other.id)?.status).toBe("busy");
      dispatcher.dispatch("presence", EVENTS.memberStatus, { userId: other.id, status: "online" }, { conversationId });
      expect(s.store.getState().conversations[conversationId]!.members.find((m) => m.id === other.id)?.status).toBeUndefined();
      // My own status from another device.
      dispatcher.dispatch("user", EVENTS.status, { status: "invisible", away: false }, {});
      expect(s.store.getState().myStatus).toEqual({ status: "invisible", away: false });
      // My settings from another device (issue 15).
      const settings = { theme: "dark", enterToSend: false, sound: true, notifications: false } as const;
      expect(dispatcher.dispatch("user", EVENTS.settingsChanged, settings, {})).toBe(true);
      expect(s.store.getState().settings).toEqual(settings);

      // Typing: only client events with a sender other than me count.
      dispatcher.dispatch("presence", EVENTS.typing, { typing: true }, { conversationId, senderId: other.id });
      dispatcher.dispatch("presence", EVENTS.typing, { typing: true }, { conversationId, senderId: me.id });
      dispatcher.dispatch("presence", EVENTS.typing, { typing: true }, { conversationId });
      expect(s.store.getState().typing[conversationId]).toEqual([other.id]);

      // A message ends its sender's typing and lands in the message list.
      const message = {
        id: messageId,
        conversationId,
        body: "hi",
        image: null,
        createdAt: "2026-11-22T10:00:00.000Z",
        sender: other,
        seenBy: [other],
        deliveredTo: [],
      };
      expect(dispatcher.dispatch("conversation", EVENTS.messageNew, message, { conversationId })).toBe(true);
      expect(s.store.getState().typing[conversationId]).toEqual([]);
      expect(s.store.getState().messages[conversationId]?.items.map((m) => m.id)).toEqual([messageId]);

      // My star from another tab (my user channel) marks the held message, and unstarring clears it.
      expect(dispatcher.dispatch("user", EVENTS.star, { id: messageId, conversationId, starred: true }, {})).toBe(true);
      expect(s.store.getState().messages[conversationId]?.items[0]?.starred).toBe(true);
      dispatcher.dispatch("user", EVENTS.star, { id: messageId, conversationId, starred: false }, {});
      expect(s.store.getState().messages[conversationId]?.items[0]?.starred).toBeUndefined();

      // My other tab accepted a message request (issue 15): its banner and Requests entry go.
      s.store.getState().upsertConversation(directSummary(conversationId, me, other, { messageRequest: true }));
      expect(dispatcher.dispatch("user", EVENTS.messageRequest, { id: conversationId, pending: false }, {})).toBe(true);
      expect(s.store.getState().conversations[conversationId]?.messageRequest).toBeUndefined();

      dispatcher.dispatch("conversation", EVENTS.messageSeen, { ...seen, user: me }, { conversationId });
      expect(s.store.getState().messages[conversationId]?.items[0]?.seenBy.map((u) => u.id)).toEqual([other.id, me.id]);

      dispatcher.dispatch("presence", PUSHER_EVENTS.memberRemoved, { id: other.id, info: {} }, { conversationId });
      expect(s.store.getState().presence[conversationId]).toEqual([me.id]);
      dispatcher.unsubscribe(conversationId);
      expect(s.store.getState().presence[conversationId]).toEqual([]);
    } finally {
      dispatcher.dispose();
    }
  });

  it("hands assistant:progress on my user channel to the assistant panel's listeners, and drops an oversized one", () => {
    const dispatcher = createDispatcher(session(), CAPABILITIES);
    const heard: unknown[] = [];
    const stop = onAssistantProgress((event) => heard.push(event));
    try {
      const event = { conversationId, replyId: messageId, text: "Hello fr", done: false };
      expect(dispatcher.dispatch("user", EVENTS.assistantProgress, event, {})).toBe(true);
      expect(dispatcher.dispatch("user", EVENTS.assistantProgress, { ...event, text: "x".repeat(5000) }, {})).toBe(false);
      expect(heard).toEqual([event]);
    } finally {
      stop();
      dispatcher.dispose();
    }
  });

  it("@ai in a chat: assistant:chat patches the conversation; assistant:answer streams, a late progress never revives a done answer", () => {
    const s = session();
    const dispatcher = createDispatcher(s, CAPABILITIES);
    try {
      s.store
        .getState()
        .upsertConversation(directSummary(conversationId, me, me, { name: "Group", isGroup: true, members: [], myRole: "admin" }));
      dispatcher.subscribe(conversationId);
      expect(dispatcher.dispatch("conversation", EVENTS.assistantChat, { conversationId, enabled: true }, { conversationId })).toBe(true);
      expect(s.store.getState().conversations[conversationId]?.assistantInChat).toBe(true);

      const answer = { conversationId, questionId: messageId, status: "streaming", text: "Hello", notice: null };
      expect(dispatcher.dispatch("conversation", EVENTS.assistantAnswer, answer, { conversationId })).toBe(true);
      expect(chatAnswersOf(conversationId)).toEqual([answer]);
      dispatcher.dispatch("conversation", EVENTS.assistantAnswer, { ...answer, status: "done", text: "" }, { conversationId });
      dispatcher.dispatch("conversation", EVENTS.assistantAnswer, { ...answer, text: "Hello late" }, { conversationId });
      expect(chatAnswersOf(conversationId)).toEqual([]);
      // Oversized text is refused by the event schema.
      const big = { ...answer, questionId: conversationId, text: "x".repeat(5000) };
      expect(dispatcher.dispatch("conversation", EVENTS.assistantAnswer, big, { conversationId })).toBe(false);
      // A refusal of my question on my user channel stays as a notice.
      const refused = { ...answer, questionId: other.id, status: "failed", text: "", notice: "Parley AI did not answer: too often" };
      expect(dispatcher.dispatch("user", EVENTS.assistantAnswer, refused, {})).toBe(true);
      expect(chatAnswersOf(conversationId)).toEqual([refused]);
    } finally {
      dispatcher.dispose();
    }
  });
});
