// The outbox (issue 16): the messages I wrote that the server has not confirmed yet, kept in this
// browser's localStorage under a key of MY user id, so they survive a reload and are never shown
// to (or sent as) another account signed in on the same browser; sign-out removes every outbox
// (clearOutboxes). An entry is written when the message is created and removed when the server
// confirms it; the send path (./send.ts) marks it "queued" (no answer: offline, network error —
// sent again automatically) or "failed" (the server refused it: manual Retry).
// Exactly once: every entry keeps the client-generated id the send API stores, so sending it again
// after a lost answer returns the stored message instead of creating a second one.
// flushOutbox sends the queued entries oldest first, one at a time, and stops at the first one that
// gets no answer (the rest would overtake it). No React, no store: tested by ./outbox.test.ts.
import type { AttachmentDto } from "@/lib/chat/attachments/dto";
import type { ReplySnippet } from "@/lib/chat/messages/dto";

export type OutboxState = "queued" | "failed";

export interface OutboxEntry {
  id: string;
  conversationId: string;
  body: string | null;
  image: string | null;
  createdAt: string;
  replyTo?: ReplySnippet;
  attachments?: AttachmentDto[];
  state: OutboxState;
  error?: string;
}

/** The part of the Web Storage API the outbox uses (localStorage in the browser, a Map in tests). */
export type OutboxStorage = Pick<Storage, "getItem" | "setItem" | "removeItem" | "key" | "length">;

const PREFIX = "parley:outbox:v1:";
/** Entries kept at most per user (the oldest are dropped beyond it: a runaway loop cannot fill the storage). */
export const OUTBOX_MAX = 200;

export const outboxKey = (userId: string) => `${PREFIX}${userId}`;

function isEntry(value: unknown): value is OutboxEntry {
  const e = value as Partial<OutboxEntry> | null;
  return (
    !!e &&
    typeof e.id === "string" &&
    typeof e.conversationId === "string" &&
    (e.body === null || typeof e.body === "string") &&
    (e.image === null || typeof e.image === "string") &&
    typeof e.createdAt === "string" &&
    (e.state === "queued" || e.state === "failed")
  );
}

export interface Outbox {
  readonly userId: string;
  /** Every entry, oldest first. */
  list(): OutboxEntry[];
  get(id: string): OutboxEntry | undefined;
  /** Adds (or replaces, keeping its place) an entry. */
  put(entry: OutboxEntry): void;
  update(id: string, patch: Partial<Pick<OutboxEntry, "state" | "error">>): void;
  remove(id: string): void;
}

export function openOutbox(storage: OutboxStorage, userId: string): Outbox {
  const key = outboxKey(userId);
  const read = (): OutboxEntry[] => {
    try {
      const parsed: unknown = JSON.parse(storage.getItem(key) ?? "[]");
      return Array.isArray(parsed) ? parsed.filter(isEntry) : [];
    } catch {
      return [];
    }
  };
  const write = (entries: OutboxEntry[]) => {
    try {
      if (entries.length === 0) storage.removeItem(key);
      else storage.setItem(key, JSON.stringify(entries.slice(-OUTBOX_MAX)));
    } catch {
      // Storage full or blocked (private mode): the message still goes out from memory.
    }
  };
  return {
    userId,
    list: read,
    get: (id) => read().find((e) => e.id === id),
    put(entry) {
      const entries = read();
      const at = entries.findIndex((e) => e.id === entry.id);
      if (at >= 0) entries[at] = entry;
      else entries.push(entry);
      write(entries);
    },
    update(id, patch) {
      const entries = read();
      const at = entries.findIndex((e) => e.id === id);
      if (at < 0) return;
      entries[at] = { ...entries[at]!, ...patch };
      if (patch.state === "queued") delete entries[at]!.error;
      write(entries);
    },
    remove(id) {
      const entries = read();
      const kept = entries.filter((e) => e.id !== id);
      if (kept.length !== entries.length) write(kept);
    },
  };
}

/** Removes the outbox of every user of this browser (sign-out: a shared computer keeps nobody's messages). */
export function clearOutboxes(storage: OutboxStorage): void {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i += 1) {
    const key = storage.key(i);
    if (key?.startsWith(PREFIX)) keys.push(key);
  }
  for (const key of keys) storage.removeItem(key);
}

/** What one send attempt came to: confirmed, no answer (send again later), or refused by the server. */
export type SendOutcome = "sent" | "unreachable" | "refused";

/**
 * Sends the queued entries, oldest first, one at a time; `send` must use the entry's id (idempotent).
 * Stops at the first entry that gets no answer, so a later message never overtakes an earlier one.
 * "sent" and "refused" entries are settled by `send` itself (removed / marked failed).
 */
export async function flushOutbox(
  outbox: Outbox,
  send: (entry: OutboxEntry) => Promise<SendOutcome>,
): Promise<{ sent: number; stopped: boolean }> {
  let sent = 0;
  const tried = new Set<string>();
  for (;;) {
    const next = outbox.list().find((e) => e.state === "queued" && !tried.has(e.id));
    if (!next) return { sent, stopped: false };
    tried.add(next.id);
    const outcome = await send(next);
    if (outcome === "sent") sent += 1;
    if (outcome === "unreachable") return { sent, stopped: true };
  }
}

/** Runs `flush` one at a time: a call while one runs asks for one more run after it (never two at once). */
export function serialFlusher(flush: () => Promise<unknown>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await flush().catch(() => undefined);
        } while (again);
      } finally {
        running = null;
      }
    })();
    return running;
  };
  return run;
}
