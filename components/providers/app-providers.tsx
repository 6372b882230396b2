"use client";
// App-wide client providers: the theme (system default, user toggle) and the toast region.
import { useEffect } from "react";
import { Toaster } from "sonner";
import { useTheme } from "@/lib/client/theme";

export function AppProviders({ children }: { children: React.ReactNode }) {
  const hydrate = useTheme((s) => s.hydrate);
  const resolved = useTheme((s) => s.resolved);
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
      <Toaster theme={resolved} richColors closeButton position="top-center" />
    </>
  );
}
