"use client";
// Realtime for the chat app. The connection itself (pusher-js, event validation, subscriptions:
// lib/client/realtime/connection) is loaded with import() right after hydration and connects
// automatically; keeping it out of the first-load JavaScript lets the page paint and hydrate sooner.
import { createContext, useContext, useEffect, useRef, useState } from "react";
import { useChatStoreApi } from "@/lib/client/store";
import type { RealtimeConnection } from "@/lib/client/realtime/connection";
import type { RealtimeClientConfig } from "@/lib/realtime/client";

interface RealtimeApi {
  /** Sends a typing event on the conversation's presence channel (no-op when not subscribed). */
  sendTyping(conversationId: string, typing: boolean): void;
  /** Fetches what the held message list may have missed. */
  resyncConversation(conversationId: string): Promise<void>;
}

const RealtimeContext = createContext<RealtimeApi>({ sendTyping: () => {}, resyncConversation: async () => {} });

export function useRealtime(): RealtimeApi {
  return useContext(RealtimeContext);
}

const loadRealtimeConnection = () => import("@/lib/client/realtime/connection");
/** Wait before retrying when the connection code could not be downloaded (offline). */
const LOAD_RETRY_MS = 5_000;

export function RealtimeProvider({ config, children }: { config: RealtimeClientConfig; children: React.ReactNode }) {
  const chatStore = useChatStoreApi();
  const connectionRef = useRef<RealtimeConnection | null>(null);
  const [api] = useState<RealtimeApi>(() => ({
    sendTyping: (conversationId, typing) => connectionRef.current?.sendTyping(conversationId, typing),
    resyncConversation: async (conversationId) => (await loadRealtimeConnection()).resyncHeld(chatStore, conversationId),
  }));
  // The server passes a fresh object on every render: reconnect only when the values change.
  const configKey = JSON.stringify(config);

  useEffect(() => {
    let connection: RealtimeConnection | null = null;
    let stopped = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const connect = () => {
      loadRealtimeConnection()
        .then(({ connectRealtime }) => {
          if (stopped) return;
          connection = connectRealtime(JSON.parse(configKey) as RealtimeClientConfig, chatStore);
          connectionRef.current = connection;
        })
        .catch(() => {
          if (stopped) return;
          chatStore.getState().setConnection("unavailable"); // shows "Offline — reconnecting…"
          retry = setTimeout(connect, LOAD_RETRY_MS);
        });
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      connection?.disconnect();
      if (connectionRef.current === connection) connectionRef.current = null;
    };
  }, [configKey, chatStore]);

  return <RealtimeContext.Provider value={api}>{children}</RealtimeContext.Provider>;
}
