"use client";
// False during server rendering and hydration, true afterwards: for client-only parts that are
// loaded after the page is interactive (React.lazy), without a setState-in-effect re-render.
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
