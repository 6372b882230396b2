// Typing indicator (browser-safe). The sender side throttles `client-typing` events on the
// conversation's presence channel (Pusher allows 10 client events per second per connection;
// this sends at most one every `throttleMs`). The receiver side expires a typer after `ttlMs`
// without news, so a lost "stopped" event never leaves a stuck indicator.
export interface TypingNotifier {
  /** Call on every keystroke. */
  keystroke(): void;
  /** Call when the message is sent or the input is cleared/blurred. */
  stop(): void;
  dispose(): void;
}

interface Timers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createTypingNotifier(
  send: (payload: { typing: boolean }) => void,
  { throttleMs = 2_000, idleMs = 4_000, timers = realTimers }: { throttleMs?: number; idleMs?: number; timers?: Timers } = {},
): TypingNotifier {
  let lastSent = Number.NEGATIVE_INFINITY;
  let typing = false;
  let idle: unknown;
  const stop = () => {
    if (idle !== undefined) timers.clearTimeout(idle);
    idle = undefined;
    if (typing) {
      typing = false;
      lastSent = Number.NEGATIVE_INFINITY;
      send({ typing: false });
    }
  };
  return {
    keystroke() {
      const now = timers.now();
      if (!typing || now - lastSent >= throttleMs) {
        typing = true;
        lastSent = now;
        send({ typing: true });
      }
      if (idle !== undefined) timers.clearTimeout(idle);
      idle = timers.setTimeout(stop, idleMs);
    },
    stop,
    dispose() {
      if (idle !== undefined) timers.clearTimeout(idle);
      idle = undefined;
    },
  };
}

/** Who is typing in one conversation, from presence client events (user id = event's user_id). */
export class TypingTracker {
  private readonly until = new Map<string, number>();
  constructor(
    private readonly ttlMs = 6_000,
    private readonly now: () => number = Date.now,
  ) {}

  update(userId: string, typing: boolean): void {
    if (typing) this.until.set(userId, this.now() + this.ttlMs);
    else this.until.delete(userId);
  }

  /** User ids typing right now (expired entries dropped). */
  active(): string[] {
    const now = this.now();
    for (const [id, until] of this.until) if (until <= now) this.until.delete(id);
    return [...this.until.keys()];
  }
}
