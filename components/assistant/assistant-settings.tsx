"use client";
// Settings → Parley AI: turn the assistant on or off. Rendered only on a server with an AI provider
// (app/settings/page.tsx): without one the assistant is off and nothing of it is shown.
import Link from "next/link";
import { useState } from "react";
import { setAssistantEnabled } from "@/lib/client/assistant";

export function AssistantSettings({
  enabled: initialEnabled,
  conversationId: initialConversationId,
}: {
  enabled: boolean;
  conversationId: string | null;
}) {
  const [enabled, setEnabled] = useState(initialEnabled);
  const [conversationId, setConversationId] = useState(initialConversationId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const toggle = async (next: boolean) => {
    // Shown at once; put back if the server refuses.
    setEnabled(next);
    setBusy(true);
    setError(null);
    try {
      const status = await setAssistantEnabled(next);
      setEnabled(status.enabled);
      setConversationId(status.conversationId);
    } catch (e) {
      setEnabled(!next);
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="flex flex-col gap-3 text-sm">
      <p>Chat with Parley AI in its own conversation. It sees only the messages of that conversation, never your other chats.</p>
      <label className="flex items-center gap-2 font-medium">
        <input type="checkbox" className="size-4" checked={enabled} disabled={busy} onChange={(e) => void toggle(e.target.checked)} />
        Use the Parley AI assistant
      </label>
      {enabled && conversationId ? (
        <Link href={`/chat/${conversationId}`} className="text-sky-700 underline dark:text-sky-400">
          Open the Parley AI chat
        </Link>
      ) : null}
      {error ? (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}
