// The realtime connection of the chat UI: connects pusher-js with the config the server passed in
// (never build-time variables), subscribes to my user channel and to the channels of every
// conversation I hold, and hands every event its capabilities handle to the dispatcher
// (./dispatcher), which validates it and calls the handlers (./conversations, ./messages,
// ./receipts, ./presence) that feed the chat store.
// Events are hints: after a (re)connect, a new subscription or the tab becoming visible, the held
// messages are resynced from the API (./sync, lib/realtime/resync), so nothing is missed or duplicated.
// The connection is signed in as me (createRealtimeClient); when the app ends it (I left a group,
// or signed out / changed my password elsewhere) it reconnects, signs in and re-authorizes every
// channel (reconnectAfterRefusal), and the resync drops what I may no longer see.
// Loaded with import() by RealtimeProvider after the page has hydrated, so pusher-js and the event
// schemas are not part of the first-load JavaScript.
import type { Channel } from "pusher-js";
import type { ChatStore } from "@/lib/client/store";
import { withMessageSlices } from "@/lib/client/store/message-slices";
import { conversationChannel, conversationPresenceChannel, userChannel } from "@/lib/realtime/channels";
import { createRealtimeClient, reconnectAfterRefusal, watchForResync, type RealtimeClientConfig } from "@/lib/realtime/client";
import { EVENTS } from "@/lib/realtime/events";
import { createDispatcher, PUSHER_EVENTS, type ChannelKind, type Dispatcher, type EventContexts } from "./dispatcher";
import { refreshConversations, resyncConversation } from "./sync";

/** Fetches what the held message list of a conversation may have missed (the realtime provider's resync). */
export const resyncHeld = (listStore: ChatStore, conversationId: string) =>
  resyncConversation(withMessageSlices(listStore), conversationId);

export interface RealtimeConnection {
  /** Sends a typing event on the conversation's presence channel (no-op when not subscribed). */
  sendTyping(conversationId: string, typing: boolean): void;
  disconnect(): void;
}

/** Binds every event the capabilities handle on a channel of this kind. */
function bindEvents<K extends ChannelKind>(
  dispatcher: Dispatcher,
  channel: Channel,
  kind: K,
  contextOf: (metadata: { user_id?: string } | undefined) => EventContexts[K],
): void {
  for (const name of dispatcher.events(kind)) {
    channel.bind(name, (data: unknown, metadata?: { user_id?: string }) => void dispatcher.dispatch(kind, name, data, contextOf(metadata)));
  }
}

export function connectRealtime(config: RealtimeClientConfig, listStore: ChatStore): RealtimeConnection {
  // Events change held messages too: the connection (loaded after hydration) adds the message-view slices.
  const chatStore = withMessageSlices(listStore);
  const client = createRealtimeClient(config);
  const meId = chatStore.getState().me.id;
  const dispatcher = createDispatcher({ store: chatStore, meId });
  const subscribed = new Set<string>();

  const mine = client.subscribe(userChannel(meId));
  bindEvents(dispatcher, mine, "user", () => ({}));
  // Events for me published before my channel was live (a chat created or pinned elsewhere while
  // this page loaded) are not replayed: once it is live, the list is read again.
  mine.bind(PUSHER_EVENTS.subscribed, () => void refreshConversations(chatStore));

  // Invisible (issue 15): on no presence channel (the server refuses them too), so offline to all.
  const invisible = () => chatStore.getState().myStatus.status === "invisible";
  const subscribePresence = (conversationId: string) => {
    bindEvents(dispatcher, client.subscribe(conversationPresenceChannel(conversationId)), "presence", (metadata) => ({
      conversationId,
      senderId: metadata?.user_id,
    }));
  };
  const unsubscribePresence = (conversationId: string) => {
    client.channel(conversationPresenceChannel(conversationId))?.unbind_all();
    client.unsubscribe(conversationPresenceChannel(conversationId));
    chatStore.getState().setPresence(conversationId, []);
    chatStore.getState().setTyping(conversationId, []);
  };

  const subscribeConversation = (conversationId: string) => {
    dispatcher.subscribe(conversationId);
    bindEvents(dispatcher, client.subscribe(conversationChannel(conversationId)), "conversation", () => ({ conversationId }));
    if (!invisible()) subscribePresence(conversationId);
    subscribed.add(conversationId);
  };

  const unsubscribeConversation = (conversationId: string) => {
    client.unsubscribe(conversationChannel(conversationId));
    client.unsubscribe(conversationPresenceChannel(conversationId));
    subscribed.delete(conversationId);
    dispatcher.unsubscribe(conversationId);
  };

  // Invisible now, or not any more (here or on another device): leave or join the presence channels.
  const followInvisible = (nowInvisible: boolean) => {
    for (const id of subscribed) {
      if (nowInvisible) unsubscribePresence(id);
      else subscribePresence(id);
    }
  };

  const sync = (ids: string[]) => {
    for (const id of ids) if (!subscribed.has(id)) subscribeConversation(id);
    for (const id of [...subscribed]) if (!ids.includes(id)) unsubscribeConversation(id);
  };
  sync(Object.keys(chatStore.getState().conversations));
  const unsubscribeStore = chatStore.subscribe((state, previous) => {
    if (state.conversations !== previous.conversations) sync(Object.keys(state.conversations));
    const nowInvisible = state.myStatus.status === "invisible";
    if (nowInvisible !== (previous.myStatus.status === "invisible")) followInvisible(nowInvisible);
  });

  const onState = ({ current }: { current: string }) => chatStore.getState().setConnection(current);
  client.connection.bind("state_change", onState);

  // The browser knows it lost the network before a ping times out: drop the socket at once (the
  // bar says offline, presence becomes unknown) and connect again when the network is back.
  const onOffline = () => client.disconnect();
  const onOnline = () => client.connect();
  window.addEventListener("offline", onOffline);
  window.addEventListener("online", onOnline);
  if (!navigator.onLine) onOffline(); // opened offline (the stored page): no socket until the network is back

  const stopReconnecting = reconnectAfterRefusal(client);
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
      window.removeEventListener("offline", onOffline);
      window.removeEventListener("online", onOnline);
      stopReconnecting();
      stopWatching();
      client.connection.unbind("state_change", onState);
      unsubscribeStore();
      dispatcher.dispose();
      client.disconnect();
    },
  };
}
