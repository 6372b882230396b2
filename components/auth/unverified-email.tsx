"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { authApi } from "@/lib/client/auth-api";
import { NETWORK_MESSAGE } from "@/lib/client/api";

/** The settings page's "not verified" mark beside my address, with "send the link again". */
export function UnverifiedEmail() {
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function resend() {
    setPending(true);
    try {
      const result = await authApi.resendVerification();
      setMessage(result.ok ? "We have sent you a new link. Check your inbox." : result.error.message);
    } catch {
      setMessage(NETWORK_MESSAGE);
    }
    setPending(false);
  }

  return (
    <div className="mt-1 flex flex-col items-start gap-2">
      <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-900 dark:text-amber-100">
        Not verified
      </span>
      <p className="text-xs text-neutral-500">Until you confirm it, people cannot find you by this address.</p>
      <Button variant="secondary" className="px-2 py-1 text-xs" disabled={pending} onClick={() => void resend()}>
        {pending ? "Sending…" : "Send the confirmation link again"}
      </Button>
      {message ? (
        <p role="status" className="text-xs text-neutral-700 dark:text-neutral-300">
          {message}
        </p>
      ) : null}
    </div>
  );
}
