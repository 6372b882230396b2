// Redis-backed counters (INCR + PEXPIRE in one Lua script, so the window is atomic across instances).
// When Redis is unreachable the limiter falls back to the in-process store rather than failing
// every sign-in: availability over a shared budget, logged once per outage.
import { Redis } from "ioredis";
import { MemoryRateLimitStore, type RateLimitStore, type WindowState } from "./limiter";

const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`;

export class RedisRateLimitStore implements RateLimitStore {
  private readonly redis: Redis;
  private readonly fallback = new MemoryRateLimitStore();
  private degraded = false;

  constructor(
    url: string,
    private readonly prefix = "parley:rl:",
  ) {
    this.redis = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: true,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      commandTimeout: 2_000,
      retryStrategy: (times) => Math.min(times * 200, 5_000),
    });
    this.redis.on("error", () => {}); // surfaced through command failures below
  }

  private async run<T>(command: () => Promise<T>, fallback: () => Promise<T>): Promise<T> {
    try {
      const result = await command();
      if (this.degraded) {
        this.degraded = false;
        console.warn("rate-limit: Redis reachable again");
      }
      return result;
    } catch (error) {
      if (!this.degraded) {
        this.degraded = true;
        console.warn(`rate-limit: Redis unavailable, counting in-process (${(error as Error).message})`);
      }
      return fallback();
    }
  }

  hit(key: string, windowMs: number): Promise<WindowState> {
    return this.run(
      async () => {
        const [count, ttl] = (await this.redis.eval(HIT_SCRIPT, 1, this.prefix + key, String(windowMs))) as [number, number];
        return { count: Number(count), resetMs: Number(ttl) };
      },
      () => this.fallback.hit(key, windowMs),
    );
  }

  get(key: string): Promise<WindowState> {
    return this.run(
      async () => {
        const results = await this.redis
          .multi()
          .get(this.prefix + key)
          .pttl(this.prefix + key)
          .exec();
        const count = Number(results?.[0]?.[1] ?? 0);
        const ttl = Number(results?.[1]?.[1] ?? -2);
        return count > 0 && ttl > 0 ? { count, resetMs: ttl } : { count: 0, resetMs: 0 };
      },
      () => this.fallback.get(key),
    );
  }

  reset(key: string): Promise<void> {
    return this.run(
      async () => {
        await this.redis.del(this.prefix + key);
      },
      () => this.fallback.reset(key),
    );
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
