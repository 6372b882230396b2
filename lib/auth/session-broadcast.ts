// Instant revocation across instances: with REDIS_URL, "forget this user's session check" is
// published on a Redis channel that every instance subscribes to, so a sign-out or password change
// on one instance ends the session on all of them at once; without Redis (one instance), or while
// Redis is unreachable, each instance still sees the change within SESSION_CHECK_TTL_MS (5 s).
import "server-only";
import { Redis } from "ioredis";

export const SESSION_FORGET_CHANNEL = "parley:session:forget";

interface Broadcast {
  publisher: Redis;
  subscriber: Redis;
}

const globalForBroadcast = globalThis as unknown as { parleySessionBroadcast?: Map<string, Broadcast> };
const broadcasts = (globalForBroadcast.parleySessionBroadcast ??= new Map());

const connection = (url: string) =>
  new Redis(url, {
    lazyConnect: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    retryStrategy: (times) => Math.min(times * 200, 5_000),
  });

/**
 * Starts (once per process and URL) listening for forgotten sessions; `onForget` drops this
 * instance's cached check. Returns the publish side.
 */
export function sessionBroadcast(url: string, onForget: (userId: string) => void): Broadcast {
  let broadcast = broadcasts.get(url);
  if (!broadcast) {
    const publisher = connection(url);
    const subscriber = connection(url);
    publisher.on("error", () => {}); // the TTL is the fallback; a failed publish is logged below
    subscriber.on("error", () => {});
    subscriber.on("message", (channel: string, userId: string) => {
      if (channel === SESSION_FORGET_CHANNEL) onForget(userId);
    });
    void subscriber.subscribe(SESSION_FORGET_CHANNEL).catch(() => {});
    broadcast = { publisher, subscriber };
    broadcasts.set(url, broadcast);
  }
  return broadcast;
}

/** Tells every instance to forget `userId`'s cached session check. Never throws. */
export async function publishForget(url: string, userId: string, onForget: (userId: string) => void): Promise<void> {
  try {
    await sessionBroadcast(url, onForget).publisher.publish(SESSION_FORGET_CHANNEL, userId);
  } catch (error) {
    console.error("session: could not broadcast a revocation (other instances see it within 5 s)", (error as Error).message);
  }
}

/** Closes this process's connections (tests, shutdown). */
export async function closeSessionBroadcasts(): Promise<void> {
  for (const [url, { publisher, subscriber }] of broadcasts) {
    broadcasts.delete(url);
    publisher.disconnect();
    subscriber.disconnect();
  }
}
