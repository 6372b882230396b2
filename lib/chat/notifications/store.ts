// Where the push queue and the focus reports live (issue 16): Redis when REDIS_URL is set (shared by
// every instance of a scaled-out deploy), this process's memory otherwise. Two small structures:
//  - the queue: one entry per chat with pending pushes, due at the end of its coalescing window (a
//    sorted set scored by due time; ZADD NX keeps a burst to one entry, ZREM decides which instance
//    sends it);
//  - focus: "this user has a focused Parley tab" until a time (a key with a TTL).
import "server-only";
import { Redis } from "ioredis";
import { serverEnv } from "@/lib/config/env";

export interface NotificationStore {
  /** Queues `member` due at `dueAt` unless it is already queued (the burst it joins). True when added. */
  enqueue(member: string, dueAt: number): Promise<boolean>;
  /** Takes the members due by `now` (each taken by exactly one caller, across instances). */
  takeDue(now: number, limit: number): Promise<string[]>;
  setFocused(userId: string, untilMs: number | null): Promise<void>;
  /** Of these users, those with a focused tab now. */
  focused(userIds: string[], now: number): Promise<Set<string>>;
}

export class MemoryNotificationStore implements NotificationStore {
  private readonly queue = new Map<string, number>();
  private readonly focus = new Map<string, number>();

  async enqueue(member: string, dueAt: number) {
    if (this.queue.has(member)) return false;
    this.queue.set(member, dueAt);
    return true;
  }
  async takeDue(now: number, limit: number) {
    const due: string[] = [];
    for (const [member, at] of this.queue) {
      if (due.length >= limit) break;
      if (at <= now) due.push(member);
    }
    for (const member of due) this.queue.delete(member);
    return due;
  }
  async setFocused(userId: string, untilMs: number | null) {
    if (untilMs === null) this.focus.delete(userId);
    else this.focus.set(userId, untilMs);
  }
  async focused(userIds: string[], now: number) {
    return new Set(userIds.filter((id) => (this.focus.get(id) ?? 0) > now));
  }
}

const QUEUE_KEY = "parley:push:queue";
const focusKey = (userId: string) => `parley:push:focus:${userId}`;

export class RedisNotificationStore implements NotificationStore {
  private readonly redis: Redis;
  constructor(url: string) {
    this.redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, connectTimeout: 2_000, commandTimeout: 2_000 });
    this.redis.on("error", () => {}); // surfaced through command failures (the worker logs and retries)
  }
  async enqueue(member: string, dueAt: number) {
    return (await this.redis.zadd(QUEUE_KEY, "NX", dueAt, member)) === 1;
  }
  async takeDue(now: number, limit: number) {
    const due = await this.redis.zrangebyscore(QUEUE_KEY, "-inf", now, "LIMIT", 0, limit);
    const taken: string[] = [];
    for (const member of due) if ((await this.redis.zrem(QUEUE_KEY, member)) === 1) taken.push(member);
    return taken;
  }
  async setFocused(userId: string, untilMs: number | null) {
    if (untilMs === null) await this.redis.del(focusKey(userId));
    else await this.redis.set(focusKey(userId), "1", "PX", Math.max(1, untilMs - Date.now()));
  }
  async focused(userIds: string[]) {
    if (userIds.length === 0) return new Set<string>();
    const values = await this.redis.mget(userIds.map(focusKey));
    return new Set(userIds.filter((_id, index) => values[index] !== null));
  }
  async close() {
    this.redis.disconnect();
  }
}

const globalForStore = globalThis as unknown as { parleyNotificationStore?: NotificationStore };

/** The process's store (one per process, shared by every bundle copy of this module). */
export function notificationStore(): NotificationStore {
  if (!globalForStore.parleyNotificationStore) {
    const url = serverEnv().REDIS_URL;
    globalForStore.parleyNotificationStore = url ? new RedisNotificationStore(url) : new MemoryNotificationStore();
  }
  return globalForStore.parleyNotificationStore;
}
