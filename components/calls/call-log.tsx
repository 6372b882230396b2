"use client";
// The Calls view of the sidebar (issue 18): my calls, newest first (GET /api/calls, keyset pages),
// each incoming / outgoing / missed with its kind and duration, opening its chat, and "call back"
// buttons (voice and video). Loaded when the Calls tab is opened.
import { Phone, PhoneIncoming, PhoneMissed, PhoneOutgoing, Video } from "lucide-react";
import Link from "next/link";
import { useEffect, useState } from "react";
import { describeCall, type CallLogEntry } from "@/lib/chat/calls/dto";
import { dayLabel, fullTime } from "@/lib/client/format";
import { mountCalls } from "./mount";

const DIRECTION = {
  incoming: { label: "Incoming", Icon: PhoneIncoming, className: "text-emerald-700 dark:text-emerald-400" },
  outgoing: { label: "Outgoing", Icon: PhoneOutgoing, className: "text-sky-700 dark:text-sky-400" },
  missed: { label: "Missed", Icon: PhoneMissed, className: "text-red-700 dark:text-red-400" },
} as const;

export default function CallLog({ meId }: { meId: string }) {
  const [items, setItems] = useState<CallLogEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [state, setState] = useState<"loading" | "idle" | "error">("loading");
  const fetchPage = (after?: string) =>
    fetch(`/api/calls${after ? `?cursor=${encodeURIComponent(after)}` : ""}`, { credentials: "same-origin" })
      .then((response) =>
        response.ok ? (response.json() as Promise<{ items: CallLogEntry[]; nextCursor: string | null }>) : Promise.reject(),
      )
      .then((page) => {
        setItems((held) => (after ? [...held, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setState("idle");
      })
      .catch(() => setState("error"));
  useEffect(() => void fetchPage(), []);

  const callBack = (entry: CallLogEntry, type: "voice" | "video") => {
    const calls = mountCalls();
    calls.setMe(meId);
    void calls.startCall(entry.conversationId, type);
  };

  if (state === "error") return <p className="px-4 text-sm text-red-700 dark:text-red-400">The call log could not be loaded.</p>;
  if (state === "idle" && items.length === 0) return <p className="px-4 text-sm text-neutral-600 dark:text-neutral-400">No calls yet.</p>;
  return (
    <div className="px-2">
      <ul aria-label="Calls" className="flex flex-col gap-1">
        {items.map((entry) => {
          const { label, Icon, className } = DIRECTION[entry.direction];
          const what = describeCall(entry, entry.direction === "missed");
          return (
            <li key={entry.id} className="flex items-center gap-2 rounded-lg px-2 py-2 hover:bg-neutral-100 dark:hover:bg-neutral-800">
              <Icon aria-hidden className={`size-5 shrink-0 ${className}`} />
              <Link href={`/chat/${entry.conversationId}`} className="min-w-0 flex-1">
                <span className="block truncate text-sm font-semibold">{entry.title}</span>
                <span className="block truncate text-xs text-neutral-600 dark:text-neutral-400">
                  {label} · {what} ·{" "}
                  <time dateTime={entry.createdAt} title={fullTime(entry.createdAt)}>
                    {dayLabel(entry.createdAt)}
                  </time>
                </span>
              </Link>
              <button
                type="button"
                className="icon-button"
                aria-label={`Voice call ${entry.title}`}
                title="Call back"
                onClick={() => callBack(entry, "voice")}
              >
                <Phone aria-hidden className="size-4" />
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label={`Video call ${entry.title}`}
                title="Video call back"
                onClick={() => callBack(entry, "video")}
              >
                <Video aria-hidden className="size-4" />
              </button>
            </li>
          );
        })}
      </ul>
      {state === "loading" ? <p className="px-2 py-2 text-sm text-neutral-600 dark:text-neutral-400">Loading…</p> : null}
      {cursor && state === "idle" ? (
        <button
          type="button"
          className="mx-2 my-2 text-sm text-sky-700 underline-offset-2 hover:underline dark:text-sky-400"
          onClick={() => {
            setState("loading");
            void fetchPage(cursor);
          }}
        >
          Show more
        </button>
      ) : null}
    </div>
  );
}
