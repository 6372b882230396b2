"use client";
// Settings → Parley AI: turn the assistant on or off. Without a provider on the server it explains
// how an administrator enables it.
import Link from "next/link";
import { useState } from "react";
import { setAssistantEnabled } from "@/lib/client/assistant";

export function AssistantSettings({
  available,
  enabled: initialEnabled,
  conversationId: initialConversationId,
}: {
  available: boolean;
  enabled: boolean;
  conversationId: string | null;
}) {
  const [enabled, setEnabled] = useState(initialEnabled);
  const [conversationId, setConversationId] = useState(initialConversationId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (!available) {
    return (
      <p className="text-sm text-neutral-600 dark:text-neutral-400">
        The Parley AI assistant is not set up on this server. An administrator can enable it by configuring an OpenAI-compatible provider
        (the <code>AI_BASE_URL</code> and <code>AI_MODEL</code> settings).
      </p>
    );
  }

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
