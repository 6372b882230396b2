"use client";
// The Join button of an invite link's page (issue 15): joins, then opens the chat.
import { Loader2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { joinGroupByInviteAction } from "@/app/(chat)/group-actions";
import { callAction } from "@/lib/client/call-action";

export function JoinGroupButton({ token }: { token: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      disabled={busy}
      className="inline-flex items-center gap-2 rounded-lg bg-sky-700 px-5 py-2 text-sm font-semibold text-white hover:bg-sky-800 disabled:opacity-60"
      onClick={async () => {
        setBusy(true);
        const joined = await callAction(() => joinGroupByInviteAction(token));
        setBusy(false);
        if (joined) router.push(`/chat/${joined.conversationId}`);
      }}
    >
      {busy ? <Loader2 aria-hidden className="size-4 animate-spin" /> : null}
      Join group
    </button>
  );
}
