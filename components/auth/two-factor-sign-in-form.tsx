"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { Field } from "@/components/ui/field";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { authApi } from "@/lib/client/auth-api";
import { NETWORK_MESSAGE } from "@/lib/client/api";

/** After an OAuth sign-in that asks for a second factor: a code from the app or a recovery code. */
export function TwoFactorSignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "").trim();
    if (!code) {
      setFields({ code: ["Enter the code from your authenticator app."] });
      return;
    }
    setFields({});
    setError(null);
    setPending(true);
    try {
      const result = await authApi.verifyTwoFactor(code);
      if (result.ok) {
        window.location.assign(callbackUrl);
        return;
      }
      if (result.error.code === "unauthorized") {
        router.push(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}&message=second-factor-expired`);
        return;
      }
      setFields(result.error.fields ?? {});
      setError(result.error.message);
    } catch {
      setError(NETWORK_MESSAGE);
    }
    setPending(false);
  }

  return (
    <div className="flex flex-col gap-4">
      <form method="post" onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label="Two-factor authentication">
        {error ? <Alert>{error}</Alert> : null}
        <Field
          name="code"
          label="Authentication code"
          inputMode="numeric"
          autoComplete="one-time-code"
          hint="From your authenticator app, or one of your recovery codes."
          errors={fields.code}
        />
        <SubmitButton disabled={pending}>{pending ? "Checking…" : "Continue"}</SubmitButton>
      </form>
      <SignOutButton className="self-start" />
    </div>
  );
}
