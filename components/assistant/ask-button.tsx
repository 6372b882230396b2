"use client";
// The assistant's "ask on a click" control (smart replies, catch me up): a small button with a
// spinner while the request runs, and the refusal's message (a status line) next to it.
import { Loader2, Sparkles } from "lucide-react";
import type { Ref } from "react";

export function AskButton({
  label,
  busyLabel,
  loading,
  error,
  onClick,
  small = false,
  className,
  buttonRef,
}: {
  label: string;
  busyLabel: string;
  loading: boolean;
  /** The server's message when the last request was refused. */
  error: string | null;
  onClick: () => void;
  /** Extra-small text (inside the message list). */
  small?: boolean;
  /** The wrapper's layout. */
  className: string;
  buttonRef?: Ref<HTMLButtonElement>;
}) {
  const icon = small ? "size-3.5" : "size-4";
  return (
    <div className={className}>
      <button
        ref={buttonRef}
        type="button"
        onClick={onClick}
        disabled={loading}
        aria-busy={loading}
        className={`inline-flex items-center gap-1.5 rounded-full border border-sky-300 px-3 py-1 font-semibold text-sky-800 hover:bg-sky-50 disabled:opacity-70 dark:border-sky-800 dark:text-sky-200 dark:hover:bg-sky-950 ${small ? "text-xs" : "text-sm"}`}
      >
        {loading ? <Loader2 aria-hidden className={`${icon} animate-spin`} /> : <Sparkles aria-hidden className={icon} />}
        {loading ? busyLabel : label}
      </button>
      <p role="status" className={`text-red-700 dark:text-red-400 ${small ? "text-xs" : "text-sm"}`}>
        {error ?? ""}
      </p>
    </div>
  );
}
