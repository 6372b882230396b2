"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { authApi } from "@/lib/client/auth-api";
import { NETWORK_MESSAGE } from "@/lib/client/api";
import { useLinkToken } from "./reset-password-form";

/** Posts the link's token (from the fragment) once and says how it went. */
export function VerifyEmail() {
  const [state, setState] = useState<{ kind: "pending" } | { kind: "done" } | { kind: "failed"; message: string }>({ kind: "pending" });
  const started = useRef(false);
  const token = useLinkToken();

  useEffect(() => {
    if (!token || started.current) return;
    started.current = true;
    authApi
      .verifyEmail(token)
      .then((result) => setState(result.ok ? { kind: "done" } : { kind: "failed", message: result.error.message }))
      .catch(() => setState({ kind: "failed", message: NETWORK_MESSAGE }));
  }, [token]);

  if (token === null) return <Alert>This link is incomplete. Open the link from the e-mail again.</Alert>;
  if (state.kind === "pending") return <p className="text-sm text-neutral-600">Confirming your e-mail address…</p>;
  return (
    <div className="flex flex-col gap-4">
      {state.kind === "done" ? <Alert kind="info">Your e-mail address is confirmed. Thank you!</Alert> : <Alert>{state.message}</Alert>}
      <Link href="/chat" className="text-center text-sm font-medium text-sky-700 underline dark:text-sky-400">
        Continue to Parley
      </Link>
    </div>
  );
}
