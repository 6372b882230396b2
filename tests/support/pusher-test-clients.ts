/**
 * Test helpers for the Pusher-protocol server: a harness that starts a server on an
 * ephemeral port, real `pusher` / `pusher-js` clients against it, a raw websocket
 * client for frames pusher-js would never send, and waits with timeouts (no sleeps).
 */
import Pusher from "pusher";
import PusherJs, { type Channel, type Options } from "pusher-js";
import { WebSocket, type ClientOptions } from "ws";

import {
  startPusherProtocolServer,
  type PusherProtocolServer,
  type PusherProtocolServerOptions,
} from "@/lib/embedded/realtime-server/pusher-protocol-server";

export const APP = { appId: "4242", key: "parley-test-key", secret: "parley-test-secret" } as const;

export interface Frame {
  event: string;
  channel?: string;
  data?: unknown;
  user_id?: string;
}

/** Resolves when `register` calls back, rejects with `label` after `timeoutMs`. */
export function waitFor<T>(label: string, register: (resolve: (value: T) => void) => void, timeoutMs = 3000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${label}`)), timeoutMs);
    register((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

/** Polls a condition on server state that has no event to await. */
export async function waitUntil(label: string, predicate: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting until ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Collects every event a pusher-js channel emits, to assert on absence later. */
export function record(channel: { bind_global(cb: (event: string, data: unknown) => void): unknown }): Array<[string, unknown]> {
  const seen: Array<[string, unknown]> = [];
  channel.bind_global((event, data) => {
    seen.push([event, data]);
  });
  return seen;
}

export function nextEvent<T = unknown>(channel: { bind(event: string, cb: (data: T, meta: unknown) => void): unknown }, event: string) {
  return waitFor<{ data: T; meta: unknown }>(`event ${event}`, (resolve) => {
    channel.bind(event, (data: T, meta: unknown) => resolve({ data, meta }));
  });
}

/** `data` of a frame as pusher-js would see it (JSON strings parsed). */
export function dataOf(frame: Frame): unknown {
  if (typeof frame.data !== "string") return frame.data;
  try {
    return JSON.parse(frame.data) as unknown;
  } catch {
    return frame.data;
  }
}

export class RawClient {
  readonly frames: Frame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: Array<() => void> = [];

  constructor(readonly ws: WebSocket) {
    ws.on("message", (data, isBinary) => {
      if (!isBinary) this.frames.push(JSON.parse(String(data)) as Frame);
      for (const wake of this.waiters) wake();
    });
    this.closed = new Promise((resolve) => {
      ws.on("close", (code, reason) => {
        resolve({ code, reason: reason.toString() });
        for (const wake of this.waiters) wake();
      });
    });
  }

  static open(url: string, options?: ClientOptions): Promise<RawClient> {
    const ws = new WebSocket(url, options);
    const client = new RawClient(ws);
    return new Promise((resolve, reject) => {
      ws.once("open", () => resolve(client));
      ws.once("error", reject);
    });
  }

  send(message: unknown): void {
    this.ws.send(typeof message === "string" || Buffer.isBuffer(message) ? message : JSON.stringify(message));
  }

  /** Removes and returns the first received frame matching `predicate`, waiting for it if needed. */
  take(label: string, predicate: (frame: Frame) => boolean, timeoutMs = 3000): Promise<Frame> {
    return waitFor<Frame>(
      label,
      (resolve) => {
        const check = () => {
          const index = this.frames.findIndex(predicate);
          if (index < 0) return false;
          const [frame] = this.frames.splice(index, 1);
          this.waiters = this.waiters.filter((waiter) => waiter !== check);
          resolve(frame as Frame);
          return true;
        };
        if (!check()) this.waiters.push(check);
      },
      timeoutMs,
    );
  }

  takeEvent(event: string, channel?: string): Promise<Frame> {
    return this.take(`${event}${channel ? ` on ${channel}` : ""}`, (f) => f.event === event && (!channel || f.channel === channel));
  }

  close(): void {
    this.ws.terminate();
  }
}

export interface ClientOptionsForTest {
  /** Presence identity used when authorizing presence channels, and the signin identity. */
  user?: { id: string; info?: Record<string, unknown> };
  /** Signs with this secret instead of the real one (forged authorization). */
  signingSecret?: string;
}

/**
 * The bare Pusher protocol as hosted Pusher behaves by default: public channels, client events on
 * private channels, subscriptions without signin. The protocol tests run with it; the server's own
 * defaults (what Parley runs) are stricter and tested in hardening.test.ts (`Harness.start(STRICT)`).
 */
export const PUSHER_DEFAULTS = {
  userAuthentication: "optional",
  publicChannels: true,
  clientEvents: "private-and-presence",
} as const satisfies Partial<PusherProtocolServerOptions>;

/** The server's own defaults, spelled out. */
export const STRICT = {
  userAuthentication: "required",
  publicChannels: false,
  clientEvents: "presence",
} as const satisfies Partial<PusherProtocolServerOptions>;

export class Harness {
  readonly clients: PusherJs[] = [];
  readonly raws: RawClient[] = [];

  private constructor(
    readonly server: PusherProtocolServer,
    readonly pusher: Pusher,
    readonly logs: string[],
    /** Security events the server logged, parsed. */
    readonly securityEvents: Array<Record<string, string>>,
  ) {}

  static async start(options: Partial<PusherProtocolServerOptions> = {}): Promise<Harness> {
    const logs: string[] = [];
    const securityEvents: Array<Record<string, string>> = [];
    const server = await startPusherProtocolServer({
      ...APP,
      port: 0,
      logger: (line) => logs.push(line),
      securityLogger: (line) => securityEvents.push(JSON.parse(line) as Record<string, string>),
      ...PUSHER_DEFAULTS,
      ...options,
    });
    const pusher = new Pusher({ ...APP, host: "127.0.0.1", port: String(server.port), useTLS: false });
    return new Harness(server, pusher, logs, securityEvents);
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.server.port}/app/${APP.key}?protocol=7&client=test&version=1`;
  }

  /** A real pusher-js client whose channel/user auth is signed in-process by the `pusher` lib. */
  client(options: ClientOptionsForTest = {}): PusherJs {
    const signer =
      options.signingSecret === undefined
        ? this.pusher
        : new Pusher({ ...APP, secret: options.signingSecret, host: "127.0.0.1", useTLS: false });
    const user = options.user;
    const config: Options = {
      cluster: "local",
      wsHost: "127.0.0.1",
      wsPort: this.server.port,
      forceTLS: false,
      enabledTransports: ["ws"],
      disableStats: true,
      channelAuthorization: {
        customHandler: ({ socketId, channelName }, callback) => {
          const presence = channelName.startsWith("presence-") && user ? { user_id: user.id, user_info: user.info } : undefined;
          callback(null, signer.authorizeChannel(socketId, channelName, presence));
        },
      },
      userAuthentication: {
        customHandler: ({ socketId }, callback) => {
          if (!user) return callback(new Error("test client has no user"), null);
          callback(null, signer.authenticateUser(socketId, { id: user.id }));
        },
      },
    };
    const client = new PusherJs(APP.key, config);
    this.clients.push(client);
    return client;
  }

  async connectedClient(options: ClientOptionsForTest = {}): Promise<PusherJs> {
    const client = this.client(options);
    await waitFor("pusher-js connected", (resolve) => {
      if (client.connection.state === "connected") return resolve(undefined);
      client.connection.bind("connected", () => resolve(undefined));
    });
    return client;
  }

  /** Subscribes and resolves once the server confirmed the subscription. */
  subscribed<C extends Channel = Channel>(client: PusherJs, channelName: string): Promise<C> {
    const channel = client.subscribe(channelName) as C;
    return waitFor(`subscription to ${channelName}`, (resolve) => {
      channel.bind("pusher:subscription_succeeded", () => resolve(channel));
    });
  }

  async raw(url = this.wsUrl, options?: ClientOptions): Promise<RawClient> {
    const raw = await RawClient.open(url, options);
    this.raws.push(raw);
    return raw;
  }

  /** A raw client past the handshake, with its socket id. */
  async rawConnected(): Promise<{ raw: RawClient; socketId: string }> {
    const raw = await this.raw();
    const established = await raw.takeEvent("pusher:connection_established");
    const { socket_id: socketId } = dataOf(established) as { socket_id: string };
    return { raw, socketId };
  }

  async stop(): Promise<void> {
    for (const client of this.clients) client.disconnect();
    for (const raw of this.raws) raw.close();
    await this.server.close();
  }
}
