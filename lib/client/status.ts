"use client";
// My status in the browser (issue 15): choosing one from the avatar menu (optimistic; a refusal
// puts it back and says why), and "away" reported by itself: a device with no input for
// AWAY_AFTER_MS (a hidden tab has none) says I am away; input again, or hearing that I am away while this device is in
// use (another device went idle), says I am back. The server tells my other devices and the people
// who see my presence (lib/chat/status).
import { setAwayAction, setStatusAction } from "@/app/(chat)/actions";
import type { ChosenStatus, MyStatus } from "@/lib/chat/status/shown";
import type { ActionResult } from "@/lib/http/action";
import { callAction } from "@/lib/client/call-action";
import type { ChatStore } from "@/lib/client/store";

export const AWAY_AFTER_MS = 5 * 60_000;

export async function chooseStatus(store: ChatStore, status: ChosenStatus): Promise<void> {
  const held = store.getState().myStatus;
  if (held.status === status) return;
  // Leaving invisible re-joins the presence channels: only once the server stored it (it refuses
  // presence to an invisible user), not optimistically.
  if (held.status !== "invisible") store.getState().setMyStatus({ ...held, status });
  const saved = await callAction(() => setStatusAction(status));
  store.getState().setMyStatus(saved ?? held);
}

type Listener = (event: Event) => void;
interface EventTargetLike {
  addEventListener(type: string, listener: Listener, options?: AddEventListenerOptions): void;
  removeEventListener(type: string, listener: Listener, options?: EventListenerOptions): void;
}

export interface AwayWatchOptions {
  store: ChatStore;
  /** Tells the server (setAwayAction by default); its answer is my status. */
  report?: (away: boolean) => Promise<ActionResult<MyStatus>>;
  now?: () => number;
  awayAfterMs?: number;
  target?: EventTargetLike;
  visibility?: EventTargetLike & { visibilityState: string };
}

const INPUT_EVENTS = ["pointerdown", "pointermove", "keydown", "wheel", "touchstart", "focus"] as const;

/** Watches this device's input; returns the stop function. */
export function watchAway({
  store,
  report = setAwayAction,
  now = () => Date.now(), // read at each call: a test clock may replace Date.now
  awayAfterMs = AWAY_AFTER_MS,
  target = window,
  visibility = document,
}: AwayWatchOptions): () => void {
  let lastInput = now();
  let reporting: boolean | null = null; // the report in flight
  const visible = () => visibility.visibilityState === "visible";
  const idle = () => now() - lastInput >= awayAfterMs;

  const send = (away: boolean) => {
    if (reporting === away || store.getState().myStatus.away === away) return;
    reporting = away;
    report(away)
      .then((result) => {
        if (result.ok) store.getState().setMyStatus(result.data);
      })
      .catch(() => {}) // offline: the next input or check tries again
      .finally(() => {
        if (reporting === away) reporting = null;
      });
  };

  const onInput = () => {
    if (!visible()) return; // a pointer passing over a hidden tab does not keep me here
    lastInput = now();
    if (store.getState().myStatus.away) send(false);
  };
  const onVisibility = () => {
    if (visibility.visibilityState === "visible") onInput();
  };
  for (const type of INPUT_EVENTS) target.addEventListener(type, onInput, { passive: true, capture: true });
  visibility.addEventListener("visibilitychange", onVisibility);

  const check = setInterval(
    () => {
      if (idle()) send(true);
    },
    Math.min(30_000, awayAfterMs / 2),
  );
  // Another device said I am away while I use this one: I am back.
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.myStatus.away && !previous.myStatus.away && visible() && !idle()) send(false);
  });

  return () => {
    clearInterval(check);
    unsubscribe();
    for (const type of INPUT_EVENTS) target.removeEventListener(type, onInput, { capture: true });
    visibility.removeEventListener("visibilitychange", onVisibility);
  };
}
