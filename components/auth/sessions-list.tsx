"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { signOutOtherSessionsAction, signOutSessionAction } from "@/app/settings/actions";
import { NETWORK_MESSAGE } from "@/lib/client/api";

export interface SessionRow {
  id: string;
  device: string;
  ip: string | null;
  lastActiveAt: string;
  current: boolean;
}

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });

/** The settings page's list of my signed-in sessions: sign out one, or all but this one. */
export function SessionsList({ sessions }: { sessions: SessionRow[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function run(call: () => Promise<{ ok: boolean; error?: { message: string } }>) {
    setError(null);
    setPending(true);
    try {
      const result = await call();
      if (!result.ok) setError(result.error?.message ?? "Something went wrong.");
      router.refresh();
    } catch {
      setError(NETWORK_MESSAGE);
    }
    setPending(false);
  }

  const others = sessions.filter((s) => !s.current).length;
  return (
    <div className="flex flex-col gap-3">
      {error ? <Alert>{error}</Alert> : null}
      <ul aria-label="Signed-in sessions" className="flex flex-col divide-y divide-neutral-200 dark:divide-neutral-800">
        {sessions.map((session) => (
          <li
            key={session.id}
            aria-label={session.current ? `${session.device} (this device)` : session.device}
            className="flex items-center justify-between gap-4 py-2"
          >
            <div className="text-sm">
              <p className="font-medium">
                {session.device}
                {session.current ? (
                  <span className="ml-2 text-xs font-normal text-emerald-700 dark:text-emerald-400">This device</span>
                ) : null}
              </p>
              <p className="text-xs text-neutral-500">
                {session.ip ?? "unknown address"} · last active {when(session.lastActiveAt)}
              </p>
            </div>
            {session.current ? null : (
              <Button
                variant="secondary"
                className="px-2 py-1 text-xs"
                disabled={pending}
                onClick={() => void run(() => signOutSessionAction(session.id))}
              >
                Sign out
              </Button>
            )}
          </li>
        ))}
      </ul>
      {others > 0 ? (
        <Button variant="secondary" className="self-start" disabled={pending} onClick={() => void run(() => signOutOtherSessionsAction())}>
          Sign out all other sessions
        </Button>
      ) : (
        <p className="text-xs text-neutral-500">No other device is signed in.</p>
      )}
    </div>
  );
}
