// Instant revocation across instances (issue 21, item 5): with REDIS_URL, forgetting a user's
// cached session check is published on Redis and every instance drops its entry at once, without
// waiting for the 5-second TTL. Real Redis at 127.0.0.1:6379 (CI starts one); skipped without it.
import { Redis } from "ioredis";
import { redisAnswers, testRedisUrl } from "@/tests/support/redis";
import { afterAll, describe, expect, it } from "vitest";

const redisUrl = testRedisUrl;
const redisUp = await redisAnswers(redisUrl);
// Before the app modules read the environment (each test file has its own module registry).
process.env.REDIS_URL = redisUrl;

const { db } = await import("@/lib/db/client");
const { forgetLiveSession, liveSessionOf } = await import("@/lib/auth/session-version");
const { SESSION_FORGET_CHANNEL, closeSessionBroadcasts } = await import("@/lib/auth/session-broadcast");
const { makeUsers } = await import("@/tests/support/chat-fixtures");

afterAll(async () => {
  await closeSessionBroadcasts();
  await db.$disconnect();
});

async function eventually(check: () => Promise<boolean>, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.runIf(redisUp)(`session revocation across instances (${redisUrl})`, () => {
  it("another instance's sign-out reaches this instance's cached check at once, not after the TTL", async () => {
    const [user] = await makeUsers(1, "Broadcast");
    const frozen = Date.now(); // a clock that never lets the 5-second entry expire by itself
    expect((await liveSessionOf(user!.id, frozen))?.sessionVersion).toBe(0);
    // Another instance ends the user's sessions: the database moves, this instance's entry does not…
    await db.userSecurity.upsert({
      where: { userId: user!.id },
      create: { userId: user!.id, sessionVersion: 1 },
      update: { sessionVersion: 1 },
    });
    expect((await liveSessionOf(user!.id, frozen))?.sessionVersion).toBe(0);
    // …until that instance's broadcast arrives.
    const otherInstance = new Redis(redisUrl);
    await otherInstance.publish(SESSION_FORGET_CHANNEL, user!.id);
    otherInstance.disconnect();
    await eventually(async () => (await liveSessionOf(user!.id, frozen))?.sessionVersion === 1);
  });

  it("this instance's own revocation is published for the others", async () => {
    const [user] = await makeUsers(1, "BroadcastOut");
    const listener = new Redis(redisUrl);
    const heard: string[] = [];
    listener.on("message", (_channel: string, userId: string) => heard.push(userId));
    await listener.subscribe(SESSION_FORGET_CHANNEL);
    await liveSessionOf(user!.id); // subscribes this instance
    forgetLiveSession(user!.id);
    await eventually(async () => heard.includes(user!.id));
    listener.disconnect();
  });
});
