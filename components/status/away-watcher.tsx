"use client";
// Reports "away" when this device is idle and "back" when it is used again (lib/client/status.ts).
// Loaded after hydration: nothing of it is needed to paint the chat.
import { useEffect } from "react";
import { watchAway } from "@/lib/client/status";
import { useChatStoreApi } from "@/lib/client/store";

export default function AwayWatcher() {
  const store = useChatStoreApi();
  useEffect(() => watchAway({ store }), [store]);
  return null;
}
