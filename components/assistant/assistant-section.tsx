// Settings → "Parley AI assistant": the on/off switch on a server with an AI provider; without one,
// what the assistant would be and how an administrator enables it (the issue asks settings to say so).
import { AssistantSettings } from "@/components/assistant/assistant-settings";
import { ASSISTANT_UNAVAILABLE_MESSAGE } from "@/lib/chat/assistant/config";

export function AssistantSection({
  status,
}: {
  status: { available: boolean; enabled: boolean; smartReplies: boolean; conversationId: string | null };
}) {
  return (
    <section aria-labelledby="assistant-heading" className="rounded-2xl border border-neutral-200 p-6 dark:border-neutral-800">
      <h2 id="assistant-heading" className="mb-4 text-lg font-semibold">
        Parley AI assistant
      </h2>
      {status.available ? (
        <AssistantSettings enabled={status.enabled} smartReplies={status.smartReplies} conversationId={status.conversationId} />
      ) : (
        <p className="text-sm text-neutral-600 dark:text-neutral-400">{ASSISTANT_UNAVAILABLE_MESSAGE}</p>
      )}
    </section>
  );
}
