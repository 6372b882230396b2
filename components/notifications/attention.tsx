"use client";
// The notification UI of the chat app (issue 16), loaded after hydration by the sidebar: it starts
// the title / favicon / sound / browser-notification behaviour (lib/client/notifications/attention)
// and shows the in-app prompt that asks for the browser's permission only when the user clicks it
// (never on page load).
import { BellRing } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useState, useSyncExternalStore } from "react";
import { startAttention } from "@/lib/client/notifications/attention";
import { enableNotifications } from "@/lib/client/notifications/enable";
import { notificationPermission, readPrefs, subscribePrefs, writePrefs } from "@/lib/client/notifications/prefs";
import { registerServiceWorker, reportFocus } from "@/lib/client/notifications/push";
import { useChatStoreApi } from "@/lib/client/store";

export default function Attention() {
  const store = useChatStoreApi();
  const router = useRouter();
  useEffect(() => startAttention(store, { open: (url) => router.push(url) }), [store, router]);
  useEffect(() => {
    // The service worker (push notifications, offline page) and the focus reports that hold pushes back.
    void registerServiceWorker();
    const stopFocus = reportFocus();
    // A notification clicked while this tab is open: the service worker asks it to open the chat.
    const onMessage = (event: MessageEvent) => {
      const data = event.data as { type?: string; url?: string } | null;
      if (data?.type === "parley:open" && typeof data.url === "string" && data.url.startsWith("/chat")) router.push(data.url);
    };
    navigator.serviceWorker?.addEventListener("message", onMessage);
    return () => {
      stopFocus();
      navigator.serviceWorker?.removeEventListener("message", onMessage);
    };
  }, [router]);
  return <NotificationPrompt />;
}

function NotificationPrompt() {
  const dismissed = useSyncExternalStore(
    subscribePrefs,
    () => readPrefs().promptDismissed || readPrefs().desktop,
    () => true,
  );
  const [permission, setPermission] = useState(notificationPermission);
  const [busy, setBusy] = useState(false);
  if (dismissed || permission === "unsupported" || permission === "denied") return null;
  const turnOn = async () => {
    setBusy(true);
    try {
      setPermission(await enableNotifications());
    } finally {
      setBusy(false);
    }
  };
  return (
    <section
      aria-label="Notifications"
      className="mx-4 mb-2 flex items-start gap-3 rounded-lg border border-sky-200 bg-sky-50 px-3 py-2 text-sm dark:border-sky-900 dark:bg-sky-950"
    >
      <BellRing aria-hidden className="mt-0.5 size-4 shrink-0 text-sky-700 dark:text-sky-400" />
      <div className="min-w-0 flex-1">
        <p>Get notified of new messages when Parley is in the background.</p>
        <div className="mt-1.5 flex gap-2">
          <button
            type="button"
            disabled={busy}
            onClick={() => void turnOn()}
            className="font-semibold text-sky-700 hover:underline dark:text-sky-400"
          >
            Turn on notifications
          </button>
          <button
            type="button"
            onClick={() => writePrefs({ promptDismissed: true })}
            className="text-neutral-600 hover:underline dark:text-neutral-400"
          >
            Not now
          </button>
        </div>
      </div>
    </section>
  );
}
