// The outbox of unsent messages (issue 16): kept per user, sent oldest first, exactly once per
// message id even when an answer is lost, and never shown to another account of the same browser.
import { describe, expect, it } from "vitest";
import {
  clearOutboxes,
  flushOutbox,
  openOutbox,
  outboxKey,
  serialFlusher,
  type OutboxEntry,
  type OutboxStorage,
  type SendOutcome,
} from "./outbox";

/** localStorage's behaviour over a Map (the Web Storage API the outbox uses). */
function memoryStorage(): OutboxStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, String(value)),
    removeItem: (key) => void map.delete(key),
    key: (index) => [...map.keys()][index] ?? null,
    get length() {
      return map.size;
    },
  };
}

const entry = (id: string, conversationId = "c1", at = 0): OutboxEntry => ({
  id,
  conversationId,
  body: `text ${id}`,
  image: null,
  createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, at)).toISOString(),
  state: "queued",
});

/**
 * A stand-in for the send API with its idempotency: a message id is stored once; `lose` answers
 * are lost after the server stored the message (the client sees no answer), `down` never reaches it.
 */
function fakeServer() {
  const stored: string[] = [];
  const posts: string[] = [];
  let down = false;
  const lose = new Set<string>();
  const refuse = new Set<string>();
  return {
    stored,
    posts,
    setDown: (value: boolean) => (down = value),
    lose,
    refuse,
    send(outbox: ReturnType<typeof openOutbox>) {
      return async (e: OutboxEntry): Promise<SendOutcome> => {
        posts.push(e.id);
        if (down) return "unreachable";
        if (refuse.has(e.id)) {
          outbox.update(e.id, { state: "failed", error: "refused" });
          return "refused";
        }
        if (!stored.includes(e.id)) stored.push(e.id);
        if (lose.delete(e.id)) return "unreachable";
        outbox.remove(e.id);
        return "sent";
      };
    },
  };
}

describe("outbox", () => {
  it("keeps entries in the order they were written, across a reopen (a reload)", () => {
    const storage = memoryStorage();
    const outbox = openOutbox(storage, "user-a");
    outbox.put(entry("m1"));
    outbox.put(entry("m2"));
    outbox.put(entry("m3", "c2"));
    outbox.update("m2", { state: "failed", error: "refused" });
    const reopened = openOutbox(storage, "user-a");
    expect(reopened.list().map((e) => [e.id, e.state])).toEqual([
      ["m1", "queued"],
      ["m2", "failed"],
      ["m3", "queued"],
    ]);
    // Putting an entry again (Retry) keeps its place.
    reopened.put({ ...entry("m1"), body: "edited" });
    expect(reopened.list().map((e) => e.id)).toEqual(["m1", "m2", "m3"]);
  });

  it("is per user: another account of the same browser sees none of it, and sign-out clears every outbox", () => {
    const storage = memoryStorage();
    openOutbox(storage, "user-a").put(entry("a1"));
    openOutbox(storage, "user-b").put(entry("b1"));
    storage.setItem("unrelated", "kept");
    expect(
      openOutbox(storage, "user-b")
        .list()
        .map((e) => e.id),
    ).toEqual(["b1"]);
    expect(
      openOutbox(storage, "user-a")
        .list()
        .map((e) => e.id),
    ).toEqual(["a1"]);
    expect(storage.getItem(outboxKey("user-a"))).toContain("a1");
    clearOutboxes(storage);
    expect(openOutbox(storage, "user-a").list()).toEqual([]);
    expect(openOutbox(storage, "user-b").list()).toEqual([]);
    expect(storage.getItem("unrelated")).toBe("kept");
  });

  it("ignores a damaged stored value instead of failing", () => {
    const storage = memoryStorage();
    storage.setItem(outboxKey("user-a"), "{not json");
    expect(openOutbox(storage, "user-a").list()).toEqual([]);
    storage.setItem(outboxKey("user-a"), JSON.stringify([{ id: 1 }, entry("ok")]));
    expect(
      openOutbox(storage, "user-a")
        .list()
        .map((e) => e.id),
    ).toEqual(["ok"]);
  });

  it("sends queued messages oldest first once the connection returns, and stops at the first unanswered one", async () => {
    const storage = memoryStorage();
    const outbox = openOutbox(storage, "user-a");
    const server = fakeServer();
    for (const id of ["m1", "m2", "m3"]) outbox.put(entry(id));
    server.setDown(true);
    // Offline: the first gets no answer and nothing after it is tried (no overtaking).
    expect(await flushOutbox(outbox, server.send(outbox))).toEqual({ sent: 0, stopped: true });
    expect(server.posts).toEqual(["m1"]);
    server.setDown(false);
    expect(await flushOutbox(outbox, server.send(outbox))).toEqual({ sent: 3, stopped: false });
    expect(server.stored).toEqual(["m1", "m2", "m3"]);
    expect(outbox.list()).toEqual([]);
  });

  it("sends a message whose answer was lost again under the same id: stored exactly once", async () => {
    const storage = memoryStorage();
    const outbox = openOutbox(storage, "user-a");
    const server = fakeServer();
    outbox.put(entry("m1"));
    outbox.put(entry("m2"));
    server.lose.add("m1");
    expect(await flushOutbox(outbox, server.send(outbox))).toEqual({ sent: 0, stopped: true });
    // m2 waits behind m1 (order), and m1 stays queued although the server stored it.
    expect(outbox.list().map((e) => e.id)).toEqual(["m1", "m2"]);
    // A reload in between: the reopened outbox sends it again.
    const reopened = openOutbox(storage, "user-a");
    expect(await flushOutbox(reopened, server.send(reopened))).toEqual({ sent: 2, stopped: false });
    expect(server.posts).toEqual(["m1", "m1", "m2"]);
    expect(server.stored).toEqual(["m1", "m2"]);
  });

  it("leaves a refused message failed (manual Retry) and goes on with the next; failed ones are not resent", async () => {
    const storage = memoryStorage();
    const outbox = openOutbox(storage, "user-a");
    const server = fakeServer();
    outbox.put(entry("m1"));
    outbox.put(entry("m2"));
    server.refuse.add("m1");
    expect(await flushOutbox(outbox, server.send(outbox))).toEqual({ sent: 1, stopped: false });
    expect(outbox.list().map((e) => [e.id, e.state, e.error])).toEqual([["m1", "failed", "refused"]]);
    expect(await flushOutbox(outbox, server.send(outbox))).toEqual({ sent: 0, stopped: false });
    expect(server.posts).toEqual(["m1", "m2"]);
    // Retry: queued again (the error goes), then sent.
    server.refuse.delete("m1");
    outbox.update("m1", { state: "queued" });
    expect(outbox.get("m1")?.error).toBeUndefined();
    expect(await flushOutbox(outbox, server.send(outbox))).toEqual({ sent: 1, stopped: false });
    expect(server.stored).toEqual(["m2", "m1"]);
  });

  it("runs one flush at a time: triggers during a run (online event and reconnect together) never send twice at once", async () => {
    let running = 0;
    let most = 0;
    let runs = 0;
    const flush = serialFlusher(async () => {
      running += 1;
      runs += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
    });
    await Promise.all([flush(), flush(), flush()]);
    expect(most).toBe(1);
    // The triggers that came during the first run ask for exactly one more run.
    expect(runs).toBe(2);
    await flush();
    expect(runs).toBe(3);
  });
});
