"use client";
// The assistant chat's reply area (loaded on demand, only in my Parley AI chat): after I send, the
// answer streams in here as markdown through the safe renderer (./assistant-text.tsx, never HTML); Stop ends
// it (the text so far is kept as the message), Regenerate replaces the last answer. The finished
// answer is an ordinary message of the conversation (it arrives in the list like any other).
import { RefreshCw, Square } from "lucide-react";
import { useCallback, useEffect, useImperativeHandle, useRef, useState, type Ref } from "react";
import { streamReply } from "@/lib/client/assistant";
import { onAssistantProgress } from "@/lib/client/assistant-progress";
import { useMessageStoreApi } from "@/lib/client/store/message-slices";
import { AssistantText } from "./assistant-text";

export interface AssistantPanelHandle {
  /** Asks for an answer to my message just sent. */
  ask(): void;
}

export default function AssistantPanel({
  conversationId,
  canRegenerate,
  ref,
}: {
  conversationId: string;
  /** The newest message is the assistant's. */
  canRegenerate: boolean;
  ref?: Ref<AssistantPanelHandle>;
}) {
  const store = useMessageStoreApi();
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const running = useRef<AbortController | null>(null);
  // The answers asked for in this tab: their progress events are not "another tab's".
  const ownReplies = useRef(new Set<string>());
  // An answer asked for in another tab or device of mine: its progress events. (A progress event of
  // my own answer can arrive before its start line names it, or late after a newer one started: the
  // start line drops it and later ones are ignored, so it cannot linger after the answer ends.)
  const [remote, setRemote] = useState<{ replyId: string; text: string } | null>(null);
  useEffect(
    () =>
      onAssistantProgress((event) => {
        if (event.conversationId !== conversationId || ownReplies.current.has(event.replyId)) return;
        setRemote(event.done ? null : { replyId: event.replyId, text: event.text });
      }),
    [conversationId],
  );

  const run = useCallback(
    async (regenerate: boolean) => {
      running.current?.abort();
      const controller = new AbortController();
      running.current = controller;
      setError(null);
      setText("");
      let replaces: string | null = null;
      try {
        await streamReply(conversationId, regenerate, controller.signal, (line) => {
          if (line.type === "start") {
            replaces = line.replaces;
            const own = line.replyId;
            ownReplies.current.add(own);
            setRemote((held) => (held?.replyId === own ? null : held));
          } else if (line.type === "delta") setText((held) => (held ?? "") + line.text);
          else if (line.type === "error") setError(line.message);
          else if (line.type === "done") {
            const state = store.getState();
            if (line.message) state.mergeIncoming(conversationId, [line.message]);
            if (replaces) state.applyMessageUpdate(conversationId, replaces, { deleted: true });
          }
        });
      } catch (e) {
        if (!controller.signal.aborted) setError((e as Error).message);
      } finally {
        if (running.current === controller) {
          running.current = null;
          setText(null);
          setRemote(null);
        }
      }
    },
    [conversationId, store],
  );

  useImperativeHandle(ref, () => ({ ask: () => void run(false) }), [run]);
  useEffect(() => () => running.current?.abort(), []);

  const stop = () => {
    running.current?.abort();
    running.current = null;
    setText(null);
    setRemote(null);
  };

  const shown = text ?? remote?.text ?? null;
  return (
    <div className="flex flex-col gap-2 px-3 pb-2 sm:px-4">
      {shown !== null ? (
        <section
          aria-label="Parley AI is answering"
          aria-busy="true"
          className="max-w-[85%] self-start rounded-2xl bg-neutral-100 px-3 py-2 text-sm whitespace-pre-wrap break-words dark:bg-neutral-800"
        >
          {text ? <AssistantText text={text} /> : <span className="text-neutral-600 dark:text-neutral-400">Thinking…</span>}
        </section>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
      <div className="flex gap-2">
        {text !== null ? (
          <button
            type="button"
            className="inline-flex items-center gap-1 rounded-lg border border-neutral-300 px-3 py-1.5 text-sm font-semibold hover:bg-neutral-50 dark:border-neutral-700 dark:hover:bg-neutral-800"
            onClick={stop}
          >
            <Square aria-hidden className="size-4" /> Stop generating
          </button>
        ) : canRegenerate ? (
          <button
            type="button"
            className="inline-flex items-center gap-1 rounded-lg border border-neutral-300 px-3 py-1.5 text-sm font-semibold hover:bg-neutral-50 dark:border-neutral-700 dark:hover:bg-neutral-800"
            onClick={() => void run(true)}
          >
            <RefreshCw aria-hidden className="size-4" /> Regenerate answer
          </button>
        ) : null}
      </div>
    </div>
  );
}
