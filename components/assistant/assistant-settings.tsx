"use client";
// Settings → Parley AI: turn the assistant and, separately, smart replies on or off. Rendered only
// on a server with an AI provider (assistant-section.tsx explains how to enable it otherwise).
import Link from "next/link";
import { useState } from "react";
import type { AssistantStatus } from "@/lib/chat/assistant/dto";
import { setAssistantEnabled, setSmartRepliesEnabled } from "@/lib/client/assistant";

export function AssistantSettings({
  enabled: initialEnabled,
  smartReplies: initialSmartReplies,
  conversationId: initialConversationId,
}: {
  enabled: boolean;
  smartReplies: boolean;
  conversationId: string | null;
}) {
  const [enabled, setEnabled] = useState(initialEnabled);
  const [smartReplies, setSmartReplies] = useState(initialSmartReplies);
  const [conversationId, setConversationId] = useState(initialConversationId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // Shown at once; put back if the server refuses.
  const toggle = async (next: boolean, show: (on: boolean) => void, save: (on: boolean) => Promise<AssistantStatus>) => {
    show(next);
    setBusy(true);
    setError(null);
    try {
      const status = await save(next);
      setEnabled(status.enabled);
      setSmartReplies(status.smartReplies);
      setConversationId(status.conversationId);
    } catch (e) {
      show(!next);
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="flex flex-col gap-3 text-sm">
      <p>Chat with Parley AI in its own conversation. It sees only the messages of that conversation, never your other chats.</p>
      <Switch
        label="Use the Parley AI assistant"
        checked={enabled}
        disabled={busy}
        onChange={(on) => void toggle(on, setEnabled, setAssistantEnabled)}
      />
      {enabled && conversationId ? (
        <Link href={`/chat/${conversationId}`} className="text-sky-700 underline dark:text-sky-400">
          Open the Parley AI chat
        </Link>
      ) : null}
      <p>
        Smart replies suggest three short answers to the newest message in a chat, from that chat&apos;s messages you can see. They are only
        put in your message box when you click one, never sent for you.
      </p>
      <Switch
        label="Suggest smart replies"
        checked={smartReplies}
        disabled={busy}
        onChange={(on) => void toggle(on, setSmartReplies, setSmartRepliesEnabled)}
      />
      {error ? (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function Switch({
  label,
  checked,
  disabled,
  onChange,
}: {
  label: string;
  checked: boolean;
  disabled: boolean;
  onChange: (on: boolean) => void;
}) {
  return (
    <label className="flex items-center gap-2 font-medium">
      <input type="checkbox" className="size-4" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}
