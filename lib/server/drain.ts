// Graceful drain of an http.Server for rolling restarts (README "Rolling restarts"). On drain():
//   1. draining: health answers 503 "draining" (lib/server/lifecycle.ts) and every response says
//      `Connection: close`, so keep-alive clients reconnect elsewhere; the server still accepts,
//      for `graceMs`: the time the load balancer needs to see the 503 and stop routing here;
//   2. closing: the server stops accepting, idle keep-alive sockets are closed, and each socket
//      closes as soon as its request is answered; in-flight requests finish, bounded by `timeoutMs`
//      (stragglers are then cut);
//   3. flushing: background work (after-commit publications, listeners: push, mail) settles, within
//      what is left of `timeoutMs`;
//   4. done: the caller exits 0.
// Node's own server.close() (what `next start` does on SIGTERM) refuses new connections at once,
// before a balancer has noticed, and leaves keep-alive clients racing a closing socket.
import type http from "node:http";
import type { Socket } from "node:net";
import { settleBackgroundWork, startDraining } from "./lifecycle";

export type DrainPhase = "serving" | "draining" | "closing" | "flushing" | "done";

export interface DrainOptions {
  /** How long the server keeps accepting after drain() (the balancer's health-check window). */
  graceMs: number;
  /** Bound on in-flight requests plus background work, after the grace period. */
  timeoutMs: number;
  log?: (line: string) => void;
}

export interface DrainReport {
  /** Requests still running when the timeout cut them (0 in a clean drain). */
  cutRequests: number;
  /** Background work still pending at the deadline (0 in a clean drain). */
  unsettledWork: number;
}

export interface Drainable {
  readonly phase: DrainPhase;
  /** Requests being served now. */
  readonly inFlight: number;
  /** Starts the drain (idempotent: a second call returns the same promise); `graceMs` overrides the option (SIGINT: 0). */
  drain(overrides?: { graceMs?: number }): Promise<DrainReport>;
}

/** Durations from the environment (PARLEY_DRAIN_GRACE_MS, PARLEY_DRAIN_TIMEOUT_MS), validated. */
export function drainOptionsFromEnv(env: Record<string, string | undefined>): Pick<DrainOptions, "graceMs" | "timeoutMs"> {
  const read = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0 || value > 600_000) {
      throw new Error(`${name} must be a whole number of milliseconds between 0 and 600000, got "${raw}"`);
    }
    return value;
  };
  return { graceMs: read("PARLEY_DRAIN_GRACE_MS", 5_000), timeoutMs: read("PARLEY_DRAIN_TIMEOUT_MS", 20_000) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Wraps `server` (before it listens or right after): counts requests per socket and applies the
 * drain to them. The server's request listeners run unchanged.
 */
/**
 * How long an idle keep-alive connection stays open. Node's default (5 s) closes sockets that
 * clients and load balancers still hold: one reused just as it closes fails with ECONNRESET (CI: a
 * test's API request), or a 502 behind a balancer whose idle timeout is longer (AWS ALB: 60 s). So
 * the server outlasts them; drain() still closes idle sockets at once.
 */
export const KEEP_ALIVE_MS = 65_000;

export function makeDrainable(server: http.Server, options: DrainOptions): Drainable {
  const log = options.log ?? (() => {});
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000; // must exceed keepAliveTimeout (Node's rule)
  let phase: DrainPhase = "serving";
  let inFlight = 0;
  const active = new Map<Socket, number>();
  const responses = new Set<http.ServerResponse>();
  let idleWaiters: (() => void)[] = [];

  const closeIfIdle = (socket: Socket) => {
    if ((active.get(socket) ?? 0) === 0 && !socket.destroyed) socket.end();
  };

  server.on("connection", (socket: Socket) => {
    active.set(socket, 0);
    socket.once("close", () => active.delete(socket));
    // A connection accepted in the last moments of the grace period still gets its request served.
  });

  // Prepended, so the header is set before the app's listener writes anything.
  server.prependListener("request", (request: http.IncomingMessage, response: http.ServerResponse) => {
    const socket = request.socket;
    inFlight += 1;
    active.set(socket, (active.get(socket) ?? 0) + 1);
    if (phase !== "serving") response.setHeader("Connection", "close");
    responses.add(response);
    let finished = false;
    const done = () => {
      if (finished) return;
      finished = true;
      responses.delete(response);
      inFlight -= 1;
      active.set(socket, Math.max(0, (active.get(socket) ?? 1) - 1));
      if (phase === "closing") closeIfIdle(socket);
      if (inFlight === 0) {
        const waiters = idleWaiters;
        idleWaiters = [];
        for (const wake of waiters) wake();
      }
    };
    response.once("finish", done);
    response.once("close", done);
  });

  let drained: Promise<DrainReport> | undefined;
  const drain = (overrides: { graceMs?: number } = {}): Promise<DrainReport> =>
    (drained ??= (async () => {
      const graceMs = overrides.graceMs ?? options.graceMs;
      phase = "draining";
      startDraining();
      // Requests already running answer with `Connection: close` too, if they have not answered yet.
      for (const response of responses) if (!response.headersSent) response.setHeader("Connection", "close");
      log(`drain: health answers 503 "draining"; accepting for ${graceMs} ms more`);
      await sleep(graceMs);

      phase = "closing";
      const deadline = Date.now() + options.timeoutMs;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      for (const socket of active.keys()) closeIfIdle(socket);
      log(`drain: no longer accepting; waiting for ${inFlight} request(s) in flight`);
      if (inFlight > 0) {
        await Promise.race([new Promise<void>((resolve) => idleWaiters.push(resolve)), sleep(options.timeoutMs)]);
      }
      const cutRequests = inFlight;
      if (cutRequests > 0) log(`drain: timeout, cutting ${cutRequests} request(s)`);
      server.closeAllConnections();
      await closed;

      phase = "flushing";
      const unsettledWork = await settleBackgroundWork(Math.max(0, deadline - Date.now()));
      log(unsettledWork > 0 ? `drain: ${unsettledWork} background task(s) unfinished at the timeout` : "drain: background work flushed");
      phase = "done";
      return { cutRequests, unsettledWork };
    })());

  return {
    get phase() {
      return phase;
    },
    get inFlight() {
      return inFlight;
    },
    drain,
  };
}
