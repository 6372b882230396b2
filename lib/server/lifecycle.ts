// Process lifecycle shared by the production server (scripts/parley-server.ts, which owns the
// http.Server and drains it on SIGTERM) and the app code Next.js bundles (the health route, the
// after-commit step). Next's bundles get their own copies of every module, so the state lives on
// globalThis: both sides see one flag and one set of pending work. No "server-only" import: the
// production server loads this file outside React's server environment.

interface LifecycleState {
  draining: boolean;
  pending: Set<Promise<unknown>>;
}

const KEY = Symbol.for("parley.lifecycle");
const holder = globalThis as unknown as { [KEY]?: LifecycleState };
const state: LifecycleState = (holder[KEY] ??= { draining: false, pending: new Set() });

/** True once the process was asked to stop: health answers 503 "draining" from then on. */
export function isDraining(): boolean {
  return state.draining;
}

export function startDraining(): void {
  state.draining = true;
}

/** Work that runs off the request path (after-commit listeners, sweeps): a drain waits for it. */
export function trackBackgroundWork<T>(work: Promise<T>): Promise<T> {
  const tracked = work.finally(() => state.pending.delete(tracked));
  // The tracked copy must not surface as an unhandled rejection; callers handle `work` themselves.
  tracked.catch(() => {});
  state.pending.add(tracked);
  return work;
}

export function pendingBackgroundWork(): number {
  return state.pending.size;
}

/**
 * Waits until no background work is pending (work started meanwhile included), or `timeoutMs`.
 * Returns how many were still pending at the deadline (0: everything settled).
 */
export async function settleBackgroundWork(timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (state.pending.size > 0) {
    const left = deadline - Date.now();
    if (left <= 0) break;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...state.pending]), new Promise((resolve) => (timer = setTimeout(resolve, left)))]);
    clearTimeout(timer);
  }
  return state.pending.size;
}

/** Tests only: back to a serving process. */
export function resetLifecycleForTests(): void {
  state.draining = false;
  state.pending.clear();
}
