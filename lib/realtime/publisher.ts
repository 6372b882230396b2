// Publishes realtime events through the `pusher` server library (hosted Pusher or any
// Pusher-protocol server, configured by serverEnv()). Call it only after the database commit.
// A failed publish is logged and never fails the write: clients resync on (re)connect.
import "server-only";
import Pusher from "pusher";
import { serverEnv } from "@/lib/config/env";
import { MAX_EVENT_BYTES, eventBytes, eventSchemas, type EventPayload, type ServerEventName } from "./events";

const CHANNELS_PER_TRIGGER = 100; // Pusher's limit per trigger

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
    });
  }
  return client;
}

export interface Publication<E extends ServerEventName = ServerEventName> {
  channels: string | string[];
  event: E;
  payload: EventPayload<E>;
}

/** Sends one event to one or more channels. Returns false (after logging) if it was not sent. */
export async function publish<E extends ServerEventName>(
  channels: string | string[],
  event: E,
  payload: EventPayload<E>,
): Promise<boolean> {
  const list = (Array.isArray(channels) ? channels : [channels]).filter((c, i, all) => all.indexOf(c) === i);
  if (list.length === 0) return true;
  const parsed = eventSchemas[event].safeParse(payload);
  if (!parsed.success) {
    console.error(`realtime: refusing to publish an invalid ${event} payload`, parsed.error.issues);
    return false;
  }
  const bytes = eventBytes(parsed.data);
  if (bytes > MAX_EVENT_BYTES) {
    console.error(`realtime: ${event} payload is ${bytes} bytes (limit ${MAX_EVENT_BYTES}); not published`);
    return false;
  }
  try {
    for (let i = 0; i < list.length; i += CHANNELS_PER_TRIGGER) {
      await pusherServer().trigger(list.slice(i, i + CHANNELS_PER_TRIGGER), event, parsed.data);
    }
    return true;
  } catch (error) {
    console.error(`realtime: publishing ${event} failed (clients will resync)`, (error as Error).message);
    return false;
  }
}

/** Publishes several events concurrently; never throws. */
export async function publishAll(publications: Publication[]): Promise<void> {
  await Promise.all(publications.map((p) => publish(p.channels, p.event, p.payload as never)));
}
