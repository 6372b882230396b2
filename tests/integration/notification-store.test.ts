// The push queue and focus store (issue 16), in memory and on Redis (a scaled-out deploy): a burst
// in one chat is one entry, an entry is taken by exactly one worker (two instances racing), nothing
// is taken before it is due, and a focus report lasts until its time. Real Redis at 127.0.0.1:6379
// (CI starts one); the Redis half is skipped without it.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { MemoryNotificationStore, RedisNotificationStore, type NotificationStore } from "@/lib/chat/notifications/store";
import { redisAnswers, testRedisUrl } from "@/tests/support/redis";

const redisUp = await redisAnswers(testRedisUrl);
const opened: RedisNotificationStore[] = [];
afterAll(() => Promise.all(opened.map((s) => s.close())));

const variants: [string, boolean, () => NotificationStore][] = [
  ["memory", true, () => new MemoryNotificationStore()],
  [
    "Redis",
    redisUp,
    () => {
      const store = new RedisNotificationStore(testRedisUrl);
      opened.push(store);
      return store;
    },
  ],
];

for (const [name, available, make] of variants) {
  describe.skipIf(!available)(`notification store (${name})`, () => {
    it("coalesces a burst into one entry, due at the end of its window, taken once", async () => {
      const store = make();
      const chat = `chat-${randomUUID()}`;
      const now = Date.now();
      expect(await store.enqueue(chat, now + 3_000)).toBe(true);
      expect(await store.enqueue(chat, now + 4_000)).toBe(false); // joins the pending burst
      expect(await store.takeDue(now, 100)).not.toContain(chat); // not due yet
      const taken = await store.takeDue(now + 3_000, 100);
      expect(taken.filter((m) => m === chat)).toEqual([chat]);
      expect(await store.takeDue(now + 10_000, 100)).not.toContain(chat);
      expect(await store.enqueue(chat, now + 13_000)).toBe(true); // a new burst after it went out
      await store.takeDue(now + 20_000, 100);
    });

    it("keeps a focus report until its time", async () => {
      const store = make();
      const [a, b] = [randomUUID(), randomUUID()];
      await store.setFocused(a, Date.now() + 5_000);
      expect(await store.focused([a, b], Date.now())).toEqual(new Set([a]));
      await store.setFocused(a, null);
      expect(await store.focused([a, b], Date.now())).toEqual(new Set());
    });
  });
}

describe.skipIf(!redisUp)("notification store across instances (Redis)", () => {
  it("gives each due entry to exactly one of two racing instances", async () => {
    const [one, two] = [new RedisNotificationStore(testRedisUrl), new RedisNotificationStore(testRedisUrl)];
    opened.push(one, two);
    const chats = Array.from({ length: 20 }, () => `chat-${randomUUID()}`);
    const now = Date.now();
    for (const chat of chats) await one.enqueue(chat, now);
    const [a, b] = await Promise.all([one.takeDue(now, 1_000), two.takeDue(now, 1_000)]);
    const mine = (list: string[]) => list.filter((m) => chats.includes(m));
    expect([...mine(a), ...mine(b)].sort()).toEqual([...chats].sort());
    expect(mine(a).filter((m) => mine(b).includes(m))).toEqual([]);
  });
});
