// "Away" by itself (issue 15, lib/client/status.ts): a device with no input for AWAY_AFTER_MS (or
// hidden that long) reports away once; input reports back once; hearing that another device made
// me away while this one is in use reports back at once; failures do not stick.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SafeUser } from "@/lib/chat/kernel/dto";
import type { MyStatus } from "@/lib/chat/status/shown";
import type { ActionResult } from "@/lib/http/action";
import { createChatStore } from "@/lib/client/store";

vi.mock("@/app/(chat)/actions", () => ({ setAwayAction: vi.fn(), setStatusAction: vi.fn() }));
const { watchAway, AWAY_AFTER_MS } = await import("./status");

const me: SafeUser = { id: "00000000-0000-7000-8000-000000000001", name: "Me", image: null };

class FakeTarget {
  listeners = new Map<string, Set<(event: Event) => void>>();
  visibilityState = "visible";
  addEventListener(type: string, listener: (event: Event) => void) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(listener);
  }
  removeEventListener(type: string, listener: (event: Event) => void) {
    this.listeners.get(type)?.delete(listener);
  }
  fire(type: string) {
    for (const listener of this.listeners.get(type) ?? []) listener(new Event(type));
  }
}

describe("away by itself", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup() {
    const store = createChatStore(me, "postgresql", []);
    const reports: boolean[] = [];
    const report = vi.fn(async (away: boolean): Promise<ActionResult<MyStatus>> => {
      reports.push(away);
      return { ok: true, data: { status: store.getState().myStatus.status, away } };
    });
    const target = new FakeTarget();
    const visibility = new FakeTarget();
    const stop = watchAway({ store, report, now: () => Date.now(), target, visibility });
    return { store, reports, target, visibility, stop };
  }

  it("reports away once after the idle time, and back once on the next input", async () => {
    const { store, reports, target, stop } = setup();
    await vi.advanceTimersByTimeAsync(AWAY_AFTER_MS - 60_000);
    target.fire("pointermove"); // still in use
    await vi.advanceTimersByTimeAsync(AWAY_AFTER_MS - 60_000);
    expect(reports).toEqual([]);
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    expect(reports).toEqual([true]);
    expect(store.getState().myStatus.away).toBe(true);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(reports).toEqual([true]); // not again while away
    target.fire("keydown");
    target.fire("keydown");
    await vi.advanceTimersByTimeAsync(0);
    expect(reports).toEqual([true, false]);
    expect(store.getState().myStatus.away).toBe(false);
    stop();
    target.fire("keydown");
    await vi.advanceTimersByTimeAsync(20 * 60_000);
    expect(reports).toEqual([true, false]); // stopped: nothing more
  });

  it("a hidden tab counts as idle; showing it again is input", async () => {
    const { reports, target, visibility } = setup();
    visibility.visibilityState = "hidden";
    await vi.advanceTimersByTimeAsync(AWAY_AFTER_MS - 60_000);
    target.fire("pointermove"); // a pointer passing over a hidden tab does not keep me here
    await vi.advanceTimersByTimeAsync(60_000);
    expect(reports).toEqual([true]);
    visibility.visibilityState = "visible";
    visibility.fire("visibilitychange");
    await vi.advanceTimersByTimeAsync(0);
    expect(reports).toEqual([true, false]);
  });

  it("answers 'away' from another device with 'back' while this one is in use", async () => {
    const { store, reports, target } = setup();
    target.fire("pointerdown");
    store.getState().setMyStatus({ status: "online", away: true }); // the user:status event
    await vi.advanceTimersByTimeAsync(0);
    expect(reports).toEqual([false]);
    expect(store.getState().myStatus.away).toBe(false);
  });
});

describe("choosing a status", () => {
  it("shows a new status at once, but leaves invisible only once the server stored it (presence re-joins then)", async () => {
    const { setStatusAction } = await import("@/app/(chat)/actions");
    const store = createChatStore(me, "postgresql", [], null, null, 0, { status: "invisible", away: false });
    const { chooseStatus } = await import("./status");
    let answer: (result: ActionResult<MyStatus>) => void = () => {};
    vi.mocked(setStatusAction).mockImplementation(() => new Promise((resolve) => (answer = resolve)));
    const chosen = chooseStatus(store, "online");
    expect(store.getState().myStatus.status).toBe("invisible"); // still invisible while the server stores it
    answer({ ok: true, data: { status: "online", away: false } });
    await chosen;
    expect(store.getState().myStatus.status).toBe("online");

    const busy = chooseStatus(store, "busy");
    expect(store.getState().myStatus.status).toBe("busy"); // at once
    answer({ ok: false, error: { code: "rate_limited", message: "Too many requests." } });
    await busy;
    expect(store.getState().myStatus.status).toBe("online"); // refused: back as it was
  });
});
