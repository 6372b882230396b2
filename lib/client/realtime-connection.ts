// The realtime connection of the chat UI: connects pusher-js with the config the server passed in
// (never build-time variables), subscribes to my user channel and to the channels of every
// conversation I hold, validates what arrives (zod) and feeds the chat store.
// Events are hints: after a (re)connect, a new subscription or the tab becoming visible, the held
// messages are resynced from the API (lib/realtime/resync), so nothing is missed or duplicated.
// Loaded with import() by RealtimeProvider after the page has hydrated, so pusher-js and the event
// schemas are not part of the first-load JavaScript.
import type { Channel, PresenceChannel } from "pusher-js";
import { chatApi } from "@/lib/client/api";
import type { ChatStore, UiMessage } from "@/lib/client/store";
import { conversationChannel, conversationPresenceChannel, userChannel } from "@/lib/realtime/channels";
import { createRealtimeClient, watchForResync, type RealtimeClientConfig } from "@/lib/realtime/client";
import { EVENTS, parseEvent } from "@/lib/realtime/events";
import { resync } from "@/lib/realtime/resync";
import { TypingTracker } from "@/lib/realtime/typing";

export interface RealtimeConnection {
  /** Sends a typing event on the conversation's presence channel (no-op when not subscribed). */
  sendTyping(conversationId: string, typing: boolean): void;
  disconnect(): void;
}

const resyncing = new WeakMap<ChatStore, Map<string, Promise<void>>>();

/** Fetches what the held message list of a conversation may have missed (one run at a time). */
export async function resyncConversation(chatStore: ChatStore, conversationId: string): Promise<void> {
  if (!resyncing.has(chatStore)) resyncing.set(chatStore, new Map());
  const running = resyncing.get(chatStore)!;
  const held = running.get(conversationId);
  if (held) return held;
  const job = syncOnce(chatStore, conversationId).finally(() => running.delete(conversationId));
  running.set(conversationId, job);
  return job;
}

async function syncOnce(chatStore: ChatStore, conversationId: string): Promise<void> {
  try {
    const held = chatStore.getState().messages[conversationId];
    if (!held) return;
    const confirmed = held.items.filter((m) => !m.status) as UiMessage[];
    const result = await resync(confirmed, (after) => chatApi.messages(conversationId, after ? { after } : {}));
    const store = chatStore.getState();
    if (result.reset) store.replaceMessages(conversationId, result.messages, result.hasOlder);
    else store.mergeIncoming(conversationId, result.messages);
  } catch {
    // offline: the next reconnect or visibility change tries again
  }
}

async function refreshConversations(chatStore: ChatStore): Promise<void> {
  try {
    const page = await chatApi.listConversations();
    chatStore.getState().replaceConversations(page.conversations, page.nextCursor !== null);
  } catch {
    // the next resync tries again
  }
}

async function fetchConversation(chatStore: ChatStore, id: string): Promise<void> {
  try {
    const { conversation } = await chatApi.getConversation(id);
    chatStore.getState().upsertConversation(conversation);
  } catch {
    // not a member (any more): ignore
  }
}

export function connectRealtime(config: RealtimeClientConfig, chatStore: ChatStore): RealtimeConnection {
  const client = createRealtimeClient(config);
  const meId = chatStore.getState().me.id;
  const trackers = new Map<string, TypingTracker>();
  const subscribed = new Map<string, Channel[]>();

  const mine = client.subscribe(userChannel(meId));
  mine.bind(EVENTS.conversationNew, (data: unknown) => {
    const event = parseEvent(EVENTS.conversationNew, data);
    if (event) void fetchConversation(chatStore, event.id);
  });
  mine.bind(EVENTS.conversationUpdate, (data: unknown) => {
    const event = parseEvent(EVENTS.conversationUpdate, data);
    if (!event) return;
    const store = chatStore.getState();
    if (!store.conversations[event.id]) void fetchConversation(chatStore, event.id);
    else {
      store.applyConversationUpdate(event);
      if (event.memberIds) void fetchConversation(chatStore, event.id);
    }
  });
  mine.bind(EVENTS.conversationRemove, (data: unknown) => {
    const event = parseEvent(EVENTS.conversationRemove, data);
    if (event) chatStore.getState().removeConversation(event.id);
  });

  const refreshTyping = (conversationId: string) => {
    const tracker = trackers.get(conversationId);
    chatStore.getState().setTyping(conversationId, tracker ? tracker.active() : []);
  };
  const typingTimer = setInterval(() => {
    for (const id of trackers.keys()) refreshTyping(id);
  }, 1_000);

  const subscribeConversation = (conversationId: string) => {
    const events = client.subscribe(conversationChannel(conversationId));
    events.bind("pusher:subscription_succeeded", () => void resyncConversation(chatStore, conversationId));
    events.bind(EVENTS.messageNew, (data: unknown) => {
      const event = parseEvent(EVENTS.messageNew, data);
      if (!event) return;
      const store = chatStore.getState();
      if (event.truncated) void resyncConversation(chatStore, conversationId);
      else store.mergeIncoming(conversationId, [event as UiMessage]);
      trackers.get(conversationId)?.update(event.sender.id, false);
      refreshTyping(conversationId);
    });
    events.bind(EVENTS.messageSeen, (data: unknown) => {
      const event = parseEvent(EVENTS.messageSeen, data);
      if (event) chatStore.getState().applySeenEvent(event);
    });

    const presence = client.subscribe(conversationPresenceChannel(conversationId)) as PresenceChannel;
    const tracker = new TypingTracker();
    trackers.set(conversationId, tracker);
    presence.bind("pusher:subscription_succeeded", () => {
      const ids: string[] = [];
      presence.members.each((member: { id: string }) => ids.push(member.id));
      chatStore.getState().setPresence(conversationId, ids);
    });
    presence.bind("pusher:member_added", (member: { id: string }) => chatStore.getState().addPresence(conversationId, member.id));
    presence.bind("pusher:member_removed", (member: { id: string }) => {
      chatStore.getState().removePresence(conversationId, member.id);
      tracker.update(member.id, false);
      refreshTyping(conversationId);
    });
    presence.bind(EVENTS.typing, (data: unknown, metadata?: { user_id?: string }) => {
      const event = parseEvent(EVENTS.typing, data);
      const userId = metadata?.user_id;
      if (!event || !userId || userId === meId) return;
      tracker.update(userId, event.typing);
      refreshTyping(conversationId);
    });
    subscribed.set(conversationId, [events, presence]);
  };

  const unsubscribeConversation = (conversationId: string) => {
    client.unsubscribe(conversationChannel(conversationId));
    client.unsubscribe(conversationPresenceChannel(conversationId));
    subscribed.delete(conversationId);
    trackers.delete(conversationId);
    chatStore.getState().setPresence(conversationId, []);
    chatStore.getState().setTyping(conversationId, []);
  };

  const sync = (ids: string[]) => {
    for (const id of ids) if (!subscribed.has(id)) subscribeConversation(id);
    for (const id of [...subscribed.keys()]) if (!ids.includes(id)) unsubscribeConversation(id);
  };
  sync(Object.keys(chatStore.getState().conversations));
  const unsubscribeStore = chatStore.subscribe((state, previous) => {
    if (state.conversations !== previous.conversations) sync(Object.keys(state.conversations));
  });

  const onState = ({ current }: { current: string }) => chatStore.getState().setConnection(current);
  client.connection.bind("state_change", onState);

  const stopWatching = watchForResync(client.connection, () => {
    void refreshConversations(chatStore);
    for (const id of Object.keys(chatStore.getState().messages)) void resyncConversation(chatStore, id);
  });

  return {
    sendTyping(conversationId, typing) {
      const channel = client.channel(conversationPresenceChannel(conversationId));
      if (channel?.subscribed) channel.trigger(EVENTS.typing, { typing });
    },
    disconnect() {
      stopWatching();
      client.connection.unbind("state_change", onState);
      unsubscribeStore();
      clearInterval(typingTimer);
      client.disconnect();
    },
  };
}
