// Events on commit (Zulip's send_event_on_commit): a domain operation does its writes, then
// returns its result together with the realtime events those writes imply; `command` runs it and,
// only once it has returned (its transaction committed), hands the events to the one after-commit
// step. A failed operation publishes nothing. Publishing never fails a committed write: a failed
// publication is logged once and clients resync (lib/realtime/resync.ts).
// Besides events, an outcome may carry after-commit effects: work that is not an event but must
// also wait for the commit (ending realtime access that the writes took away).
import "server-only";
import { endConnections, publishAll, type Publication } from "@/lib/realtime/publisher";
import { trackBackgroundWork } from "@/lib/server/lifecycle";

/** A realtime event to publish after commit: one event name, its payload, one or more channels. */
export type DomainEvent = Publication;

/**
 * After-commit work that is not an event. A separate field rather than an onCommit listener keyed
 * on `conversation:remove`: that event also means "hidden for me" (still a member, nothing to
 * revoke), and a listener runs detached, after the request, where the revocation must not lag.
 */
export interface AfterCommitEffects {
  /**
   * Users who lost access to a conversation: their realtime connections are ended
   * (terminate_connections) after the events went out, so their clients reconnect, sign in and
   * re-authorize every channel, and the authorizer refuses what they may no longer see.
   */
  endRealtimeAccessOf?: string[];
}

export interface Outcome<R> {
  result: R;
  events: DomainEvent[];
  effects?: AfterCommitEffects;
}

export const outcome = <R>(result: R, events: DomainEvent[] = [], effects?: AfterCommitEffects): Outcome<R> =>
  effects ? { result, events, effects } : { result, events };

type CommitListener = (events: readonly DomainEvent[]) => void | Promise<void>;
const listeners: CommitListener[] = [];

/**
 * Registers a listener for every committed operation's events (the hook for notifications: web
 * push, e-mail). Listeners run after publication, off the request path; a throwing listener is
 * logged and affects nothing else.
 */
export function onCommit(listener: CommitListener): () => void {
  listeners.push(listener);
  return () => {
    const at = listeners.indexOf(listener);
    if (at !== -1) listeners.splice(at, 1);
  };
}

/**
 * The one after-commit step: publish (one /batch_events request when it fits), end the realtime
 * access the writes revoked (after the events, so the client already holds the removal when it is
 * disconnected), then notify listeners.
 */
export function afterCommit(events: readonly DomainEvent[], effects: AfterCommitEffects = {}): Promise<void> {
  // Tracked, so a draining instance (SIGTERM) exits only after its pending publications went out.
  return trackBackgroundWork(publishAfterCommit(events, effects));
}

async function publishAfterCommit(events: readonly DomainEvent[], effects: AfterCommitEffects): Promise<void> {
  const revoked = effects.endRealtimeAccessOf ?? [];
  if (events.length === 0 && revoked.length === 0) return;
  await publishAll([...events]);
  if (revoked.length > 0) await endConnections(revoked);
  if (events.length === 0) return;
  for (const listener of listeners) {
    // Off the request path (web push, e-mail), but a draining instance waits for them: handed over, not dropped.
    void trackBackgroundWork(
      Promise.resolve()
        .then(() => listener(events))
        .catch((error: unknown) => console.error("after-commit listener failed", error)),
    );
  }
}

export type Command<A extends unknown[], R> = ((...args: A) => Promise<R>) & {
  /** The operation without its after-commit step, for a command that composes it into its own outcome. */
  run: (...args: A) => Promise<Outcome<R>>;
};

/** Wraps an operation that returns its outcome: callers get the result, the events go out after commit. */
export function command<A extends unknown[], R>(run: (...args: A) => Promise<Outcome<R>>): Command<A, R> {
  const call = async (...args: A): Promise<R> => {
    const { result, events, effects } = await run(...args);
    await afterCommit(events, effects);
    return result;
  };
  return Object.assign(call, { run });
}
