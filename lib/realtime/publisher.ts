// Publishes realtime events through the `pusher` server library (hosted Pusher or any
// Pusher-protocol server, configured by serverEnv()). Call it only after the database commit.
// A failed publish is logged and never fails the write: clients resync on (re)connect.
import "server-only";
import http from "node:http";
import https from "node:https";
import Pusher from "pusher";
import { serverEnv } from "@/lib/config/env";
import { MAX_EVENT_BYTES, eventBytes, eventSchemas, type EventPayload, type ServerEventName } from "./events";

const CHANNELS_PER_TRIGGER = 100; // Pusher's limit per trigger
const EVENTS_PER_BATCH = 10; // Pusher's limit per /batch_events request

let client: Pusher | undefined;

export function pusherServer(): Pusher {
  if (!client) {
    const env = serverEnv();
    client = new Pusher({
      appId: env.PUSHER_APP_ID,
      key: env.PUSHER_KEY,
      secret: env.PUSHER_SECRET,
      cluster: env.PUSHER_CLUSTER,
      useTLS: env.PUSHER_USE_TLS,
      ...(env.PUSHER_HOST ? { host: env.PUSHER_HOST } : {}),
      ...(env.PUSHER_PORT ? { port: String(env.PUSHER_PORT) } : {}),
      timeout: 5_000,
      // Reuse connections: a new TCP (and TLS) connection per publish cost more than the publish.
      agent: env.PUSHER_USE_TLS
        ? new https.Agent({ keepAlive: true, maxSockets: 32 })
        : new http.Agent({ keepAlive: true, maxSockets: 32 }),
    });
  }
  return client;
}

export interface Publication<E extends ServerEventName = ServerEventName> {
  channels: string | string[];
  event: E;
  payload: EventPayload<E>;
}

/**
 * Whether a publish failed on a pooled keep-alive connection that the server had just closed
 * (ECONNRESET / EPIPE: it idled past the server's keep-alive timeout while the agent reused it).
 * The request did not reach the server, so it is sent once more on a new connection. CI saw it:
 * three call:signal publishes lost after a 6 s quiet spell, and a group call pair never connected.
 */
export function isStaleConnection(error: unknown): boolean {
  const code = (error as { error?: { code?: unknown } } | null)?.error?.code;
  return code === "ECONNRESET" || code === "EPIPE";
}

/** Runs `send`, and once more if it failed on a stale pooled connection (isStaleConnection). */
export async function sendRetryingStale<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (!isStaleConnection(error)) throw error;
    return send();
  }
}

const uniqueChannels = (channels: string | string[]) =>
  (Array.isArray(channels) ? channels : [channels]).filter((c, i, all) => all.indexOf(c) === i);

/** The payload as it will be sent, or null (logged) if it must not be sent. */
function checked<E extends ServerEventName>(event: E, payload: EventPayload<E>): EventPayload<E> | null {
  const parsed = eventSchemas[event].safeParse(payload);
  if (!parsed.success) {
    console.error(`realtime: refusing to publish an invalid ${event} payload`, parsed.error.issues);
    return null;
  }
  const bytes = eventBytes(parsed.data);
  if (bytes > MAX_EVENT_BYTES) {
    console.error(`realtime: ${event} payload is ${bytes} bytes (limit ${MAX_EVENT_BYTES}); not published`);
    return null;
  }
  return parsed.data as EventPayload<E>;
}

/** Sends one event to one or more channels. Returns false (after logging) if it was not sent. */
export async function publish<E extends ServerEventName>(
  channels: string | string[],
  event: E,
  payload: EventPayload<E>,
): Promise<boolean> {
  const list = uniqueChannels(channels);
  if (list.length === 0) return true;
  const data = checked(event, payload);
  return data !== null && trigger(list, event, data);
}

/** Triggers an already checked payload on distinct channels, CHANNELS_PER_TRIGGER at a time. */
async function trigger(list: string[], event: ServerEventName, data: unknown): Promise<boolean> {
  try {
    for (let i = 0; i < list.length; i += CHANNELS_PER_TRIGGER) {
      const channels = list.slice(i, i + CHANNELS_PER_TRIGGER);
      await sendRetryingStale(() => pusherServer().trigger(channels, event, data));
    }
    return true;
  } catch (error) {
    console.error(`realtime: publishing ${event} failed (clients will resync)`, (error as Error).message);
    return false;
  }
}

/**
 * Publishes several events; never throws. Up to EVENTS_PER_BATCH (event, channel) pairs go in one
 * /batch_events request (a message send is one request, not one per event); more fall back to
 * one trigger per event, each to up to 100 channels.
 */
export async function publishAll(publications: Publication[]): Promise<void> {
  const ready = publications.flatMap((p) => {
    const data = checked(p.event, p.payload as never);
    const channels = uniqueChannels(p.channels);
    return data === null || channels.length === 0 ? [] : [{ event: p.event, channels, data }];
  });
  const batch = ready.flatMap(({ event, channels, data }) => channels.map((channel) => ({ channel, name: event, data })));
  if (batch.length === 0) return;
  if (batch.length > EVENTS_PER_BATCH) {
    await Promise.all(ready.map(({ event, channels, data }) => trigger(channels, event, data)));
    return;
  }
  try {
    await sendRetryingStale(() => pusherServer().triggerBatch(batch));
  } catch (error) {
    const names = [...new Set(batch.map((b) => b.name))].join(", ");
    console.error(`realtime: publishing ${names} to ${batch.length} channel(s) failed (clients will resync)`, (error as Error).message);
  }
}

/**
 * Ends every open realtime connection of these users (Pusher's terminate_connections; the
 * connections must be signed in as the user, which Parley's client always does). Their clients
 * reconnect, sign in and re-authorize each channel, so access that was revoked stays revoked.
 * Never throws: a failure is logged (the embedded server also refuses the subscriptions of a
 * socket whose user's session ended, at the next subscription).
 */
export async function endConnections(userIds: readonly string[]): Promise<void> {
  await Promise.all(
    [...new Set(userIds)].map(async (userId) => {
      try {
        await pusherServer().terminateUserConnections(userId);
      } catch (error) {
        console.error("realtime: ending a user's connections failed", (error as Error).message);
      }
    }),
  );
}
