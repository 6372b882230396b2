"use client";
// The toast region (sonner). Loaded with next/dynamic after hydration (see lib/client/notify).
import { useEffect } from "react";
import { Toaster } from "sonner";
import { toasterMounted } from "@/lib/client/notify";

export default function AppToaster({ theme }: { theme: "light" | "dark" }) {
  // Runs after the Toaster's own effects (earlier sibling), i.e. once it is subscribed.
  useEffect(() => toasterMounted(), []);
  return <Toaster theme={theme} richColors closeButton position="top-center" />;
}
