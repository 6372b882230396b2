// Stress harness: an own realtime server (real sockets, restartable on the same port), real
// pusher-js clients authorized by the real channel-auth route, in-process route handlers with a
// per-call session, and bounded waits. Must be imported before anything reads the environment.
import { createServer } from "node:net";
import { afterAll, beforeAll } from "vitest";
import type PusherJs from "pusher-js";
import type { Channel } from "pusher-js";
import { createRealtimeClient } from "@/lib/realtime/client";
import { authenticateUser, authorizeChannel } from "@/lib/realtime/authorize";
import { startPusherProtocolServer, type PusherProtocolServer } from "@/lib/embedded/realtime-server/pusher-protocol-server";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/** A realtime server with the suite's credentials on a fixed port, restartable (kill → start). */
export class RestartableRealtime {
  server: PusherProtocolServer | null = null;
  constructor(readonly port: number) {}

  static async create(): Promise<RestartableRealtime> {
    const realtime = new RestartableRealtime(await freePort());
    await realtime.start();
    // Everything the app publishes and every client connects here (serverEnv() is read lazily).
    process.env.PUSHER_PORT = String(realtime.port);
    return realtime;
  }

  async start(): Promise<void> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        this.server = await startPusherProtocolServer({
          appId: process.env.PUSHER_APP_ID!,
          key: process.env.PUSHER_KEY!,
          secret: process.env.PUSHER_SECRET!,
          host: "127.0.0.1",
          port: this.port,
          // Every simulated user connects from this one address.
          maxConnectionsPerIp: 100_000,
        });
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await sleep(100);
      }
    }
  }

  async kill(): Promise<void> {
    await this.server?.close();
    this.server = null;
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitUntil(label: string, predicate: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${label}`);
    await sleep(25);
  }
}

/** A pusher-js client against the local realtime server, signed in and authorized as `userId` by the domain functions. */
export function connectClient(key: string, port: number, userId: string): PusherJs {
  const config = { key, cluster: "local", wsHost: "127.0.0.1", wsPort: port, forceTLS: false, databaseProvider: "postgresql" } as const;
  return createRealtimeClient(config, {
    channel: (socketId, channelName) => authorizeChannel(userId, { socket_id: socketId, channel_name: channelName }),
    user: (socketId) => authenticateUser(userId, { socket_id: socketId }),
  });
}

export function subscribed(channel: Channel, timeoutMs = 15_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (channel.subscribed) return resolve();
    const timer = setTimeout(() => reject(new Error(`subscription to ${channel.name} timed out`)), timeoutMs);
    channel.bind("pusher:subscription_succeeded", () => {
      clearTimeout(timer);
      resolve();
    });
    channel.bind("pusher:subscription_error", (e: unknown) => {
      clearTimeout(timer);
      reject(new Error(`subscription to ${channel.name} refused: ${JSON.stringify(e)}`));
    });
  });
}

/** Runs `worker` over `items` with at most `limit` in flight. */
export async function pool<T>(items: readonly T[], limit: number, worker: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await worker(items[i]!, i);
      }
    }),
  );
}

/**
 * What every stress file sets up, after its own `vi.mock("@/lib/auth/session", …)` (hoisted per
 * file): the realtime server, then the modules (imported after it has set PUSHER_PORT), the
 * route's session seam and an out-of-the-way send budget for the file; afterwards `report()` is
 * logged as "<name> figures" and the server and database connections are closed.
 */
export async function stressHarness(name: string, report: () => unknown) {
  const realtime = await RestartableRealtime.create();
  const { runAs, sessionModule } = await import("../security/session-mock");
  const { makeRequest, newId } = await import("../security/support");
  const { setSessionResolverForTests } = await import("@/lib/http/route");
  const { createSendLimiter, setSendLimiterForTests } = await import("@/lib/rate-limit/send-limit");
  const { MemoryRateLimitStore } = await import("@/lib/rate-limit/limiter");
  const { makeUsers } = await import("@/tests/support/chat-fixtures");
  const { db } = await import("@/lib/db/client");
  const { authorizeChannel } = await import("@/lib/realtime/authorize");
  const { conversationChannel } = await import("@/lib/realtime/channels");
  const { EVENTS } = await import("@/lib/realtime/events");
  const messagesRoute = await import("@/app/api/conversations/[id]/messages/route");
  beforeAll(() => {
    setSessionResolverForTests(() => sessionModule.requireSessionUser());
    // The per-user send budget is not what these files measure.
    setSendLimiterForTests(createSendLimiter(new MemoryRateLimitStore(), 1_000_000));
  });
  afterAll(async () => {
    setSessionResolverForTests(null);
    setSendLimiterForTests(null);
    console.info(`${name} figures: ${JSON.stringify(report())}`);
    await realtime.kill();
    await db.$disconnect();
  });
  return { realtime, runAs, makeRequest, newId, makeUsers, db, authorizeChannel, conversationChannel, EVENTS, messagesRoute };
}
