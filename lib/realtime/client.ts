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

/** Answers a channel-auth request: { auth, channel_data? } as /api/realtime/auth returns it. */
export type ChannelSigner = (socketId: string, channelName: string) => Promise<{ auth: string; channel_data?: string }>;

/** Answers a user-auth (signin) request: { auth, user_data } as /api/realtime/user-auth returns it. */
export type UserSigner = (socketId: string) => Promise<{ auth: string; user_data: string }>;

/** How a client gets its signin and its channel authorizations signed. */
export interface RealtimeSigners {
  channel: ChannelSigner;
  user: UserSigner;
}

async function postForm<T>(endpoint: string, form: Record<string, string>): Promise<T> {
  const response = await fetch(endpoint, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
    credentials: "same-origin",
  });
  if (!response.ok) throw Object.assign(new Error(`${endpoint} answered ${response.status}`), { status: response.status });
  return (await response.json()) as T;
}

/** The browser's signers: the app's auth endpoints, with the session cookie. */
export const endpointSigners: RealtimeSigners = {
  channel: (socketId, channelName) => postForm(AUTH_ENDPOINTS.channel, { socket_id: socketId, channel_name: channelName }),
  user: (socketId) => postForm(AUTH_ENDPOINTS.user, { socket_id: socketId }),
};

const SIGNIN_TIMEOUT_MS = 10_000;

/**
 * A pusher-js client that signs its connection in as the session user (pusher-js `signin()`, on
 * every (re)connection) and asks for a channel authorization only once the connection it is for
 * is signed in: the realtime server accepts a subscription only on a socket signed in as the user
 * the authorization names (lib/realtime/authorize.ts), and pusher-js would otherwise race the two.
 */
export function createRealtimeClient(
  config: RealtimeClientConfig,
  signers: RealtimeSigners = endpointSigners,
  overrides: Partial<Options> = {},
): PusherJs {
  let signedIn: string | null = null; // the socket id whose signin succeeded
  let failed: string | null = null; // the socket id whose signin failed
  const checks = new Set<() => boolean>();
  const wake = () => {
    for (const check of [...checks]) if (check()) checks.delete(check);
  };
  const whenSignedIn = (socketId: string) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        checks.delete(check);
        reject(new Error("realtime sign-in timed out"));
      }, SIGNIN_TIMEOUT_MS);
      const check = () => {
        if (signedIn === socketId) resolve();
        else if (failed === socketId || client.connection.socket_id !== socketId) reject(new Error("realtime sign-in failed"));
        else return false;
        clearTimeout(timer);
        return true;
      };
      if (!check()) checks.add(check);
    });

  const client: PusherJs = new PusherJs(
    config.key,
    pusherOptions(config, {
      channelAuthorization: authorizeWith(async (socketId, channelName) => {
        await whenSignedIn(socketId);
        return signers.channel(socketId, channelName);
      }),
      userAuthentication: authenticateWith(signers.user),
      ...overrides,
    }),
  );
  client.connection.bind("message", (event: { event?: string }) => {
    if (event.event !== "pusher:signin_success") return;
    signedIn = client.connection.socket_id;
    wake();
  });
  client.user.bind("pusher:signin_error", () => {
    failed = client.connection.socket_id;
    wake();
  });
  client.connection.bind("state_change", wake);
  client.signin();
  return client;
}

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

/** User authentication (signin) through `sign` instead of a POST to the endpoint. */
export function authenticateWith(sign: UserSigner): Options["userAuthentication"] {
  return {
    endpoint: "unused",
    transport: "ajax",
    customHandler: ({ socketId }, callback) => {
      sign(socketId).then(
        (auth) => callback(null, auth),
        (error: Error) => callback(error, null),
      );
    },
  };
}

const RECONNECT_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

/**
 * pusher-js gives up on a connection the server closed with a 4000-4099 code: 4009 is what the
 * app's terminate_connections (leaving a group, sign-out, password change) ends in. Reconnects
 * after a growing delay, so the client signs in again and re-authorizes every channel: what the
 * user may still see comes back (and resyncs, see watchForResync), what they lost is refused.
 * Returns a function that stops watching.
 */
export function reconnectAfterRefusal(client: PusherJs, delays: readonly number[] = RECONNECT_DELAYS_MS): () => void {
  let refused = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onError = (error: { data?: { code?: unknown } } | undefined) => {
    const code = error?.data?.code;
    if (typeof code === "number" && code >= 4000 && code < 4100) refused = true;
  };
  const onState = ({ current }: { current: string }) => {
    if (current === "connected") attempt = 0;
    if (current !== "disconnected" || !refused) return;
    refused = false;
    const delay = delays[Math.min(attempt, delays.length - 1)] ?? 1_000;
    attempt += 1;
    timer = setTimeout(() => client.connect(), delay);
  };
  client.connection.bind("error", onError);
  client.connection.bind("state_change", onState);
  return () => {
    clearTimeout(timer);
    client.connection.unbind("error", onError);
    client.connection.unbind("state_change", onState);
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
