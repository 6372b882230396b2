// Pure realtime helpers: channel names, event schemas and sizes, client options, resync merge,
// reconnect detection and the typing throttle.
import { describe, expect, it, vi } from "vitest";
import { encodeCursor } from "@/lib/chat/kernel/cursor";
import type { MessageDto, MessagePage } from "@/lib/chat/messages/dto";
import { objectId, uuidv7 } from "@/lib/chat/kernel/ids";
import { conversationChannel, conversationPresenceChannel, parseChannel, userChannel } from "./channels";
import { pusherOptions, watchForResync } from "./client";
import { EVENTS, MAX_EVENT_BYTES, eventBytes, parseEvent } from "./events";
import { applySeen, compareNewestFirst, mergeMessages, resync, resyncCursor } from "./resync";
import { TypingTracker, createTypingNotifier } from "./typing";

const alice = { id: uuidv7(), name: "Alice", image: null };
const bob = { id: uuidv7(), name: "Bob", image: null };

function message(second: number, id = uuidv7(), extra: Partial<MessageDto> = {}): MessageDto {
  return {
    id,
    conversationId: "c",
    body: `at ${second}`,
    image: null,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString(),
    sender: alice,
    seenBy: [alice],
    deliveredTo: [],
    ...extra,
  };
}

describe("channels", () => {
  it("names and parses Parley's private and presence channels only", () => {
    const id = uuidv7();
    expect(parseChannel(conversationChannel(id))).toEqual({ kind: "conversation", conversationId: id });
    expect(parseChannel(conversationPresenceChannel(id))).toEqual({ kind: "conversation-presence", conversationId: id });
    expect(parseChannel(userChannel(id))).toEqual({ kind: "user", userId: id });
    expect(parseChannel(`private-user-${objectId()}`)?.kind).toBe("user");
    for (const bad of ["conversation-" + id, "presence-online", `private-user-${id}-x`, "private-encrypted-user-" + id]) {
      expect(parseChannel(bad)).toBeNull();
    }
  });
});

describe("events", () => {
  it("validates payloads and keeps a maximal message under the size limit", () => {
    const big = message(1, uuidv7(), { body: "€".repeat(2000), seenBy: [alice, bob] });
    expect(parseEvent(EVENTS.messageNew, big)).toEqual(big);
    expect(eventBytes(big)).toBeLessThan(MAX_EVENT_BYTES);
    expect(parseEvent(EVENTS.messageNew, { ...big, sender: { id: "x" } })).toBeNull();
    expect(parseEvent(EVENTS.conversationRemove, { id: "c" })).toEqual({ id: "c" });
    expect(parseEvent(EVENTS.typing, { typing: "yes" })).toBeNull();
  });
});

describe("client options", () => {
  it("targets a self-hosted server without TLS, or hosted Pusher with TLS", () => {
    const local = pusherOptions({
      key: "k",
      cluster: "local",
      wsHost: "127.0.0.1",
      wsPort: 6001,
      forceTLS: false,
      databaseProvider: "postgresql",
    });
    expect(local).toMatchObject({ cluster: "local", wsHost: "127.0.0.1", wsPort: 6001, forceTLS: false, enabledTransports: ["ws"] });
    expect(local.channelAuthorization).toMatchObject({ endpoint: "/api/realtime/auth" });
    const hosted = pusherOptions({ key: "k", cluster: "eu", forceTLS: true, databaseProvider: "mongodb" });
    expect(hosted).not.toHaveProperty("wsHost");
    expect(hosted.enabledTransports).toEqual(["wss"]);
  });

  it("asks for a resync on reconnect and when the tab becomes visible, not on the first connection", () => {
    type Listener = (s: { previous: string; current: string }) => void;
    const listeners: Listener[] = [];
    const connection = { state: "connecting", bind: (_: string, cb: Listener) => listeners.push(cb), unbind: vi.fn() };
    let visible: () => void = () => {};
    const doc = {
      visibilityState: "hidden",
      addEventListener: (_: string, cb: () => void) => (visible = cb),
      removeEventListener: vi.fn(),
    };
    const calls: string[] = [];
    const stop = watchForResync(connection, (reason) => calls.push(reason), doc);
    const emit = (current: string) => listeners.forEach((cb) => cb({ previous: "x", current }));
    emit("connected");
    emit("unavailable");
    emit("connected");
    visible();
    doc.visibilityState = "visible";
    visible();
    expect(calls).toEqual(["reconnected", "visible"]);
    stop();
    expect(connection.unbind).toHaveBeenCalled();
  });
});

describe("resync", () => {
  it("merges by id, newest first, with ties broken by id, and never downgrades to a truncated copy", () => {
    const [x, y] = [uuidv7(), uuidv7()].sort();
    const older = message(1);
    const tieLow = message(2, x);
    const tieHigh = message(2, y);
    const merged = mergeMessages([tieLow, older], [tieHigh, { ...tieLow, seenBy: [alice, bob] }]);
    expect(merged.map((m) => m.id)).toEqual([tieHigh.id, tieLow.id, older.id]);
    expect(merged[1]!.seenBy).toHaveLength(2);
    const truncated = { ...older, body: null, truncated: true as const };
    expect(mergeMessages(merged, [truncated]).find((m) => m.id === older.id)?.body).toBe(older.body);
    expect(compareNewestFirst(tieHigh, tieLow)).toBeLessThan(0);
  });

  it("keeps readers a held copy knows when an older server copy of the message arrives after a seen event", () => {
    const sent = { ...message(5), sender: bob, seenBy: [bob] };
    const afterSeenEvent = applySeen([sent], { conversationId: "c", user: alice, upTo: { id: sent.id, createdAt: sent.createdAt } });
    const merged = mergeMessages(afterSeenEvent, [{ ...sent, seenBy: [bob] }]); // the send's answer, read before alice saw it
    expect(merged[0]!.seenBy.map((u) => u.name)).toEqual(["Bob", "Alice"]);
  });

  it("applies seen receipts up to a message, for others' messages only", () => {
    const list = [message(3), message(2), message(1)];
    const mine = { ...message(0), sender: bob, seenBy: [bob] };
    const updated = applySeen([...list, mine], {
      conversationId: "c",
      user: bob,
      upTo: { id: list[1]!.id, createdAt: list[1]!.createdAt },
    });
    expect(updated.map((m) => m.seenBy.map((u) => u.name))).toEqual([["Alice"], ["Alice", "Bob"], ["Alice", "Bob"], ["Bob"]]);
  });

  it("builds the resync cursor with a safety margin and the id shape of the provider", () => {
    expect(resyncCursor([])).toBeNull();
    const held = message(30);
    const cursor = resyncCursor([held], 10_000)!;
    expect(cursor).toBe(encodeCursor({ at: new Date(Date.parse(held.createdAt) - 10_000), id: "00000000-0000-0000-0000-000000000000" }));
    expect(resyncCursor([message(1, objectId())], 0)).toBe(
      encodeCursor({ at: new Date(Date.UTC(2026, 0, 1, 0, 0, 1)), id: "0".repeat(24) }),
    );
  });

  it("fetches until nothing is newer, and resets to the newest page when too far behind", async () => {
    const server = Array.from({ length: 7 }, (_, i) => message(i)).sort(compareNewestFirst);
    const page = (messages: MessageDto[], hasNewer: boolean): MessagePage => ({
      messages,
      hasOlder: true,
      hasNewer,
      olderCursor: null,
      newerCursor: messages[0] ? encodeCursor({ at: messages[0].createdAt, id: messages[0].id }) : null,
    });
    const fetchPage = vi.fn(async (after: string | null) => {
      const calls = fetchPage.mock.calls.length;
      if (after === null) return page(server.slice(0, 2), false);
      return calls === 1 ? page(server.slice(3, 5), true) : page(server.slice(0, 3), false);
    });
    const held = [server[4]!, server[5]!, server[6]!];
    const result = await resync(held, fetchPage);
    expect(result.reset).toBe(false);
    expect(result.messages.map((m) => m.id)).toEqual(server.map((m) => m.id));

    fetchPage.mockClear();
    const behind = await resync(held, fetchPage, { maxPages: 1 });
    expect(behind.reset).toBe(true);
    expect(behind.messages.map((m) => m.id)).toEqual(server.slice(0, 2).map((m) => m.id));
  });
});

describe("typing", () => {
  it("sends at most one 'typing' per throttle window and 'stopped' after idling", () => {
    vi.useFakeTimers();
    try {
      const sent: boolean[] = [];
      const notifier = createTypingNotifier((p) => sent.push(p.typing), {
        throttleMs: 2000,
        idleMs: 4000,
        timers: { now: () => Date.now(), setTimeout: (cb, ms) => setTimeout(cb, ms), clearTimeout: (h) => clearTimeout(h as never) },
      });
      for (let i = 0; i < 30; i += 1) {
        notifier.keystroke();
        vi.advanceTimersByTime(100);
      }
      expect(sent).toEqual([true, true]);
      vi.advanceTimersByTime(4000);
      expect(sent).toEqual([true, true, false]);
      notifier.keystroke();
      notifier.stop();
      notifier.stop();
      expect(sent).toEqual([true, true, false, true, false]);
      notifier.dispose();
    } finally {
      vi.useRealTimers();
    }
  });

  it("expires typers that never said they stopped", () => {
    let now = 0;
    const tracker = new TypingTracker(6000, () => now);
    tracker.update("a", true);
    tracker.update("b", true);
    tracker.update("b", false);
    expect(tracker.active()).toEqual(["a"]);
    now = 6001;
    expect(tracker.active()).toEqual([]);
  });
});
