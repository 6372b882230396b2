// Browser side of realtime: the pusher-js factory. The config comes from the server
// (realtimeClientConfig in ./config), so the browser never hard-codes hosts or keys.
import PusherJs, { type Options } from "pusher-js";
import type { DatabaseProvider } from "@/lib/chat/kernel/ids";

export interface RealtimeClientConfig {
  key: string;
  cluster: string;
  /** Set for a Pusher-protocol server other than hosted Pusher (the embedded one, soketi). */
  wsHost?: string;
  wsPort?: number;
  forceTLS: boolean;
  /** Which id shape new message ids need (see newMessageId in lib/chat/ids). */
  databaseProvider: DatabaseProvider;
}

export const AUTH_ENDPOINTS = {
  channel: "/api/realtime/auth",
  user: "/api/realtime/user-auth",
} as const;

/** pusher-js options for a config (pure; exported for tests). */
export function pusherOptions(config: RealtimeClientConfig, overrides: Partial<Options> = {}): Options {
  return {
    cluster: config.cluster,
    forceTLS: config.forceTLS,
    ...(config.wsHost ? { wsHost: config.wsHost, wssPort: config.wsPort, wsPort: config.wsPort } : {}),
    enabledTransports: config.forceTLS ? ["wss"] : ["ws"],
    disableStats: true,
    channelAuthorization: { endpoint: AUTH_ENDPOINTS.channel, transport: "ajax" },
    userAuthentication: { endpoint: AUTH_ENDPOINTS.user, transport: "ajax" },
    ...overrides,
  };
}

export function createRealtimeClient(config: RealtimeClientConfig, overrides: Partial<Options> = {}): PusherJs {
  return new PusherJs(config.key, pusherOptions(config, overrides));
}

/** Answers a channel-auth request: { auth, channel_data? } as /api/realtime/auth returns it. */
export type ChannelSigner = (socketId: string, channelName: string) => Promise<{ auth: string; channel_data?: string }>;

/**
 * Channel authorization through `sign` instead of a POST to the auth endpoint: for clients outside
 * a browser session (tests, benchmarks), which sign with the domain function or their own cookie.
 */
export function authorizeWith(sign: ChannelSigner): Options["channelAuthorization"] {
  return {
    endpoint: "unused",
    transport: "ajax",
    customHandler: ({ socketId, channelName }, callback) => {
      sign(socketId, channelName).then(
        (auth) => callback(null, auth),
        (error: Error) => callback(error, null),
      );
    },
  };
}

interface ConnectionLike {
  readonly state?: string;
  bind(event: "state_change", callback: (states: { previous: string; current: string }) => void): unknown;
  unbind(event: "state_change", callback: (states: { previous: string; current: string }) => void): unknown;
}

interface VisibilityLike {
  readonly visibilityState: string;
  addEventListener(type: "visibilitychange", listener: () => void): void;
  removeEventListener(type: "visibilitychange", listener: () => void): void;
}

/**
 * Calls `onResync` whenever the client may have missed events: on every reconnect (not the first
 * connection) and whenever the tab becomes visible again. Returns a function that stops watching.
 */
export function watchForResync(
  connection: ConnectionLike,
  onResync: (reason: "reconnected" | "visible") => void,
  visibility: VisibilityLike | undefined = typeof document === "undefined" ? undefined : document,
): () => void {
  let connectedBefore = connection.state === "connected";
  const onState = ({ current }: { previous: string; current: string }) => {
    if (current !== "connected") return;
    if (connectedBefore) onResync("reconnected");
    connectedBefore = true;
  };
  const onVisible = () => {
    if (visibility?.visibilityState === "visible") onResync("visible");
  };
  connection.bind("state_change", onState);
  visibility?.addEventListener("visibilitychange", onVisible);
  return () => {
    connection.unbind("state_change", onState);
    visibility?.removeEventListener("visibilitychange", onVisible);
  };
}
