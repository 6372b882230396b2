"use client";
// "Catch me up" (issue 19), loaded on demand above the "New messages" divider when the assistant is
// on for me: a click asks the server for a short summary of my unread messages in this chat (from
// the divider's message on) and shows it in place, for me only (it is not a message of the chat),
// with a button that closes it. A refusal (budget, provider failure…) shows the server's message.
import { Sparkles, X } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import type { CatchUp as CatchUpResult } from "@/lib/chat/assistant/dto";
import { fetchCatchUp } from "@/lib/client/assistant";
import { AskButton } from "./ask-button";

type State = { kind: "idle" } | { kind: "loading" } | { kind: "error"; message: string } | { kind: "done"; result: CatchUpResult };

export default function CatchUp({ conversationId, fromMessageId }: { conversationId: string; fromMessageId: string }) {
  const [state, setState] = useState<State>({ kind: "idle" });
  const inFlight = useRef<AbortController | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const headingId = useId();
  useEffect(() => () => inFlight.current?.abort(), []);
  // The summary takes the button's place: focus moves to its close button, and back on close.
  const done = state.kind === "done";
  useEffect(() => {
    if (done) closeButton.current?.focus();
  }, [done]);

  const ask = () => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    setState({ kind: "loading" });
    fetchCatchUp(conversationId, fromMessageId, controller.signal)
      .then((result) => {
        if (!controller.signal.aborted) setState({ kind: "done", result });
      })
      .catch((error: Error) => {
        if (!controller.signal.aborted) setState({ kind: "error", message: error.message });
      });
  };

  if (state.kind === "done") {
    const { summary, messageCount } = state.result;
    return (
      <section
        aria-labelledby={headingId}
        className="mx-auto mb-3 max-w-xl rounded-2xl border border-sky-200 bg-sky-50 p-3 text-sm text-neutral-900 dark:border-sky-900 dark:bg-sky-950 dark:text-neutral-100"
      >
        <div className="flex items-start gap-2">
          <Sparkles aria-hidden className="mt-0.5 size-4 shrink-0 text-sky-700 dark:text-sky-400" />
          <h3 id={headingId} className="flex-1 font-semibold">
            Catch-up: {messageCount} unread {messageCount === 1 ? "message" : "messages"}
          </h3>
          <button
            ref={closeButton}
            type="button"
            className="icon-button -m-1 size-7"
            aria-label="Close the summary"
            onClick={() => {
              setState({ kind: "idle" });
              requestAnimationFrame(() => button.current?.focus());
            }}
          >
            <X aria-hidden className="size-4" />
          </button>
        </div>
        <p className="mt-1 whitespace-pre-wrap break-words">{summary}</p>
        <p className="mt-2 text-xs text-neutral-600 dark:text-neutral-400">Written by Parley AI for you only; not sent to the chat.</p>
      </section>
    );
  }
  return (
    <AskButton
      buttonRef={button}
      label="Catch me up"
      busyLabel="Summarizing…"
      loading={state.kind === "loading"}
      error={state.kind === "error" ? state.message : null}
      onClick={ask}
      small
      className="mb-2 flex flex-col items-center gap-1"
    />
  );
}
