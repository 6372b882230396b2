// /chat: the conversation list (the sidebar of the layout) with an empty main pane on wide screens.
import { MessagesSquare } from "lucide-react";

export default function ChatHomePage() {
  return (
    <section aria-labelledby="chat-empty-heading" className="flex h-full flex-col items-center justify-center gap-3 p-8 text-center">
      <MessagesSquare aria-hidden className="size-12 text-sky-600 dark:text-sky-400" />
      <h2 id="chat-empty-heading" className="text-xl font-semibold">
        Your messages
      </h2>
      <p className="max-w-sm text-sm text-neutral-600 dark:text-neutral-400">
        Pick a conversation on the left, or find someone under People to start a new one.
      </p>
    </section>
  );
}
