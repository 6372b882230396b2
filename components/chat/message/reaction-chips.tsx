"use client";
// The reactions under a message: one chip per emoji with its count; mine are pressed, a click
// toggles my reaction, and the chip's title and accessible name say who reacted.
import type { ReactionSummary } from "@/lib/chat/messages/dto";
import { toggleReaction } from "@/lib/client/message-actions";
import type { UiMessage } from "@/lib/client/store";
import { useMessageActionsEnv } from "./message-actions";

export function ReactionChips({ message, mine }: { message: UiMessage; mine: boolean }) {
  const env = useMessageActionsEnv();
  const reactions = message.reactions ?? [];
  if (!env || reactions.length === 0 || message.deleted) return null;
  const nameOf = (id: string) => (id === env.meId ? "You" : (env.conversation.members.find((m) => m.id === id)?.name ?? "A former member"));
  const who = (r: ReactionSummary) => joinNames(r.userIds.map(nameOf));
  return (
    <ul aria-label="Reactions" className={`-mt-0.5 flex flex-wrap gap-1 ${mine ? "justify-end" : ""}`}>
      {reactions.map((r) => {
        const pressed = r.userIds.includes(env.meId);
        return (
          <li key={r.emoji}>
            <button
              type="button"
              aria-pressed={pressed}
              aria-label={`${r.emoji} ${r.userIds.length}: ${who(r)}. ${pressed ? "Remove your reaction" : "React with " + r.emoji}`}
              title={`${who(r)} reacted with ${r.emoji}`}
              onClick={() => void toggleReaction(env.store, message, r.emoji)}
              className={`inline-flex h-6 items-center gap-1 rounded-full border px-2 text-xs ${
                pressed
                  ? "border-sky-600 bg-sky-50 text-sky-900 dark:border-sky-400 dark:bg-sky-950 dark:text-sky-100"
                  : "border-neutral-300 bg-white text-neutral-800 dark:border-neutral-700 dark:bg-neutral-900 dark:text-neutral-200"
              }`}
            >
              <span aria-hidden>{r.emoji}</span>
              <span aria-hidden>{r.userIds.length}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

function joinNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  if (names.length <= 4) return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  return `${names.slice(0, 3).join(", ")} and ${names.length - 3} others`;
}
