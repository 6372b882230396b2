import Link from "next/link";

export default function ConversationNotFound() {
  return (
    <section className="flex h-full flex-col items-center justify-center gap-3 p-8 text-center">
      <h2 className="text-xl font-semibold">Conversation not found</h2>
      <p className="text-sm text-neutral-600 dark:text-neutral-400">It may have been removed, or you are not a member.</p>
      <Link href="/chat" className="text-sm font-semibold text-sky-700 underline dark:text-sky-400">
        Back to your conversations
      </Link>
    </section>
  );
}
