"use client";
// Two panes on wide screens (sidebar + conversation); one pane on narrow screens: the list at
// /chat, the conversation (with a back button) at /chat/[id].
import { usePathname } from "next/navigation";
import { OfflineSupport } from "@/components/chat/offline-support";
import { Sidebar } from "@/components/chat/sidebar";

export function ChatShell({ children }: { children: React.ReactNode }) {
  const pathname = usePathname();
  const inConversation = /^\/chat\/[^/]+/.test(pathname ?? "");
  return (
    <div className="flex h-dvh overflow-hidden bg-white dark:bg-neutral-950">
      <a
        href="#main-pane"
        className="sr-only z-50 rounded-lg bg-sky-700 px-3 py-2 text-white focus:not-sr-only focus:absolute focus:top-2 focus:left-2"
      >
        Skip to conversation
      </a>
      <div
        className={`h-full w-full shrink-0 border-neutral-200 md:flex md:w-80 md:border-r lg:w-96 dark:border-neutral-800 ${
          inConversation ? "hidden" : "flex"
        }`}
      >
        <Sidebar />
      </div>
      <main id="main-pane" className={`h-full min-w-0 flex-1 md:block ${inConversation ? "block" : "hidden"}`}>
        {children}
      </main>
      <OfflineSupport />
    </div>
  );
}
