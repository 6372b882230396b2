"use client";
// App-wide client providers: the theme (system default, user toggle) and the toast region.
import { lazy, Suspense, useEffect } from "react";
import { useTheme } from "@/lib/client/theme";
import { useHydrated } from "@/lib/client/use-hydrated";

// Not needed to paint the page: loaded after hydration (toasts only follow user actions).
const AppToaster = lazy(() => import("./app-toaster"));

export function AppProviders({ children }: { children: React.ReactNode }) {
  const hydrate = useTheme((s) => s.hydrate);
  const resolved = useTheme((s) => s.resolved);
  const hydrated = useHydrated();
  useEffect(() => {
    hydrate();
    const media = window.matchMedia("(prefers-color-scheme: dark)");
    const onChange = () => {
      if (useTheme.getState().preference === "system") hydrate();
    };
    media.addEventListener("change", onChange);
    return () => media.removeEventListener("change", onChange);
  }, [hydrate]);
  return (
    <>
      {children}
      {hydrated ? (
        <Suspense fallback={null}>
          <AppToaster theme={resolved} />
        </Suspense>
      ) : null}
    </>
  );
}
