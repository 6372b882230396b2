// Fixed-window rate limiting over a pluggable counter store: in-process by default, Redis when
// REDIS_URL is set (so several app instances share one budget). Identifiers (emails, IPs) are
// hashed before they become keys, so the store never holds personal data in clear.
import { createHash } from "node:crypto";

export interface WindowState {
  /** Hits counted in the current window. */
  count: number;
  /** Milliseconds until the window resets (0 when there is no window). */
  resetMs: number;
}

export interface RateLimitStore {
  /** Counts one hit and returns the window state after it (the window starts on the first hit). */
  hit(key: string, windowMs: number): Promise<WindowState>;
  /** The window state without counting. */
  get(key: string): Promise<WindowState>;
  reset(key: string): Promise<void>;
}

export interface RateLimitRule {
  /** Key prefix, e.g. "signin:ip". */
  name: string;
  max: number;
  windowMs: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  remaining: number;
  /** Seconds until another attempt is allowed (0 when allowed). */
  retryAfter: number;
}

export class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<string, { count: number; expiresAt: number }>();
  private lastSweep = 0;

  constructor(private readonly now: () => number = Date.now) {}

  private live(key: string) {
    const now = this.now();
    if (now - this.lastSweep > 60_000) {
      this.lastSweep = now;
      for (const [k, w] of this.windows) if (w.expiresAt <= now) this.windows.delete(k);
    }
    const window = this.windows.get(key);
    if (window && window.expiresAt <= now) {
      this.windows.delete(key);
      return undefined;
    }
    return window;
  }

  async hit(key: string, windowMs: number): Promise<WindowState> {
    const now = this.now();
    let window = this.live(key);
    if (!window) {
      window = { count: 0, expiresAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    return { count: window.count, resetMs: window.expiresAt - now };
  }

  async get(key: string): Promise<WindowState> {
    const window = this.live(key);
    return window ? { count: window.count, resetMs: window.expiresAt - this.now() } : { count: 0, resetMs: 0 };
  }

  async reset(key: string): Promise<void> {
    this.windows.delete(key);
  }
}

function hashId(identifier: string): string {
  return createHash("sha256").update(identifier).digest("base64url").slice(0, 32);
}

export class RateLimiter {
  constructor(
    private readonly store: RateLimitStore,
    readonly rule: RateLimitRule,
  ) {}

  private key(identifier: string) {
    return `${this.rule.name}:${hashId(identifier)}`;
  }

  private decide(state: WindowState, counted: boolean): RateLimitDecision {
    const allowed = counted ? state.count <= this.rule.max : state.count < this.rule.max;
    return {
      allowed,
      remaining: Math.max(0, this.rule.max - state.count),
      retryAfter: allowed ? 0 : Math.max(1, Math.ceil(state.resetMs / 1000)),
    };
  }

  /** Counts an attempt; allowed while the window holds at most `max` attempts. */
  async consume(identifier: string): Promise<RateLimitDecision> {
    return this.decide(await this.store.hit(this.key(identifier), this.rule.windowMs), true);
  }

  /** Whether one more attempt would be allowed, without counting it (for failure-only budgets). */
  async check(identifier: string): Promise<RateLimitDecision> {
    return this.decide(await this.store.get(this.key(identifier)), false);
  }

  async reset(identifier: string): Promise<void> {
    await this.store.reset(this.key(identifier));
  }
}
