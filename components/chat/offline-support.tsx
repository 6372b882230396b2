"use client";
// The offline part of the chat app (issue 16), no UI of its own: starts the outbox of unsent
// messages (lib/client/send startOutbox: shows them queued, sends them when the connection
// returns) and keeps the page being looked at, with its build files, for an offline reload
// (lib/client/offline-data; the service worker public/sw.js serves them). Its code loads after
// hydration, out of the first-load JavaScript.
import { usePathname } from "next/navigation";
import { useEffect } from "react";
import { useChatStoreApi } from "@/lib/client/store";

/** Wait after a page change before storing it, so the page's own requests go first. */
const KEEP_DELAY_MS = 1_500;

export function OfflineSupport() {
  const store = useChatStoreApi();
  const pathname = usePathname();

  useEffect(() => {
    let live = true;
    let stop: (() => void) | undefined;
    Promise.all([import("@/lib/client/send"), import("@/lib/client/store/message-slices")])
      .then(([{ startOutbox }, { withMessageSlices }]) => {
        if (live) stop = startOutbox(withMessageSlices(store));
      })
      .catch(() => undefined);
    return () => {
      live = false;
      stop?.();
    };
  }, [store]);

  useEffect(() => {
    if (!navigator.onLine) return;
    const me = store.getState().me.id;
    const timer = setTimeout(() => {
      import("@/lib/client/offline-data").then((offline) => offline.keepPageOffline(me)).catch(() => undefined);
    }, KEEP_DELAY_MS);
    return () => clearTimeout(timer);
  }, [store, pathname]);

  return null;
}
