"use client";
// The submit button of a form handled in JavaScript (onSubmit + fetch). Until the page has hydrated
// a click would be the browser's own form submission — a reload that drops what was typed (and, for
// a GET form, would put a password into the URL) — so it stays disabled until the handler is there.
import type { ComponentProps } from "react";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/lib/client/use-hydrated";

export function SubmitButton({ disabled, ...props }: Omit<ComponentProps<typeof Button>, "type">) {
  const hydrated = useHydrated();
  return <Button type="submit" disabled={disabled || !hydrated} {...props} />;
}
