"use client";
// Calls in a chat's timeline (issue 18): "Missed voice call", "Video call, 12 min" between the
// messages, at the time the call started. The conversation's newest calls come from
// GET /api/conversations/:id/calls (`log`), read when the chat opens and again when a call of it
// ends (the call controller announces it with a "parley:call-ended" window event).
import { Phone, Video } from "lucide-react";
import { useCallback, useEffect, useState, type ReactNode } from "react";
import { describeCall } from "@/lib/chat/calls/dto";
import type { UiMessage } from "@/lib/client/store";

interface TimelineCall {
  id: string;
  type: "voice" | "video";
  status: "ringing" | "active" | "ended" | "missed" | "declined";
  callerId: string;
  createdAt: string;
  durationSeconds: number | null;
}

/** The `between` slot of MessageList for the calls of a conversation. */
export function useCallTimeline(
  conversationId: string,
  meId: string,
  hasOlder: boolean,
): (message: UiMessage | undefined, previous: UiMessage | undefined) => ReactNode {
  const [calls, setCalls] = useState<TimelineCall[]>([]);
  useEffect(() => {
    let live = true;
    const load = () =>
      fetch(`/api/conversations/${conversationId}/calls`, { credentials: "same-origin" })
        .then((response) => (response.ok ? (response.json() as Promise<{ log: TimelineCall[] }>) : null))
        .then((data) => live && data && setCalls(data.log.filter((call) => call.status !== "ringing" && call.status !== "active")))
        .catch(() => undefined);
    void load();
    const onEnded = (event: Event) => {
      if ((event as CustomEvent<string>).detail === conversationId) void load();
    };
    window.addEventListener("parley:call-ended", onEnded);
    return () => {
      live = false;
      window.removeEventListener("parley:call-ended", onEnded);
    };
  }, [conversationId]);

  return useCallback(
    (message, previous) => {
      const after = previous ? Date.parse(previous.createdAt) : hasOlder && message ? Date.parse(message.createdAt) : -Infinity;
      const before = message ? Date.parse(message.createdAt) : Infinity;
      const here = calls.filter((call) => {
        const at = Date.parse(call.createdAt);
        return at > after && at <= before;
      });
      return here
        .slice()
        .reverse()
        .map((call) => {
          const missedForMe = call.status === "missed" && call.callerId !== meId;
          const Icon = call.type === "video" ? Video : Phone;
          return (
            <li key={`call-${call.id}`} className="my-3 flex justify-center" data-call-id={call.id}>
              <span
                className={`inline-flex items-center gap-2 rounded-full px-3 py-1 text-xs font-medium ${call.status === "missed" ? "bg-red-50 text-red-800 dark:bg-red-950 dark:text-red-200" : "bg-neutral-100 text-neutral-700 dark:bg-neutral-800 dark:text-neutral-300"}`}
              >
                <Icon aria-hidden className="size-3.5" />
                {describeCall(call, missedForMe)}
                <time dateTime={call.createdAt} className="text-neutral-500" suppressHydrationWarning>
                  {new Date(call.createdAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}
                </time>
              </span>
            </li>
          );
        });
    },
    [calls, hasOlder, meId],
  );
}
