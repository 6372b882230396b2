"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { emailRequestSchema, signInCodeSchema } from "@/lib/account/schemas";
import { fieldErrors } from "@/lib/auth/validation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import { Field } from "@/components/ui/field";
import { authApi } from "@/lib/client/auth-api";
import { NETWORK_MESSAGE } from "@/lib/client/api";

/** "E-mail me a code": first the address, then the 6-digit code from the e-mail. */
export function CodeSignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [email, setEmail] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<{ message: string; retryAfter?: number } | null>(null);
  const [pending, setPending] = useState(false);
  const [askTotp, setAskTotp] = useState(false);

  async function requestCode(address: string) {
    setError(null);
    setPending(true);
    try {
      const result = await authApi.requestSignInCode(address);
      if (result.ok) {
        setEmail(address);
        setSent(result.value.message);
      } else {
        setFields(result.error.fields ?? {});
        setError({ message: result.error.message, retryAfter: result.error.retryAfter });
      }
    } catch {
      setError({ message: NETWORK_MESSAGE });
    }
    setPending(false);
  }

  async function onRequest(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = emailRequestSchema.safeParse({ email: new FormData(event.currentTarget).get("email") });
    if (!parsed.success) {
      setFields(fieldErrors(parsed.error));
      return;
    }
    setFields({});
    await requestCode(parsed.data.email);
  }

  async function onSignIn(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = signInCodeSchema.safeParse({ email, code: form.get("code") });
    if (!parsed.success) {
      setFields(fieldErrors(parsed.error));
      return;
    }
    setFields({});
    setError(null);
    setPending(true);
    try {
      const totp = askTotp ? String(form.get("totp") ?? "").trim() || undefined : undefined;
      const result = await authApi.signInWithCode(parsed.data.email, parsed.data.code, callbackUrl, totp);
      if (result.ok) {
        window.location.assign(result.value);
        return;
      }
      if (result.error.code === "two_factor_required" || result.error.code === "two_factor_wrong") setAskTotp(true);
      setError(result.error.code === "two_factor_required" ? null : { message: result.error.message, retryAfter: result.error.retryAfter });
    } catch {
      setError({ message: NETWORK_MESSAGE });
    }
    setPending(false);
  }

  const back = (
    <p className="text-center text-sm text-neutral-600 dark:text-neutral-400">
      <Link
        href={`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`}
        className="font-medium text-sky-700 underline dark:text-sky-400"
      >
        Sign in with a password instead
      </Link>
    </p>
  );

  if (!email) {
    return (
      <form method="post" onSubmit={onRequest} noValidate className="flex flex-col gap-4" aria-label="E-mail me a sign-in code">
        {error ? <Alert data-retry-after={error.retryAfter}>{error.message}</Alert> : null}
        <Field name="email" label="Email" type="email" autoComplete="email" required errors={fields.email} />
        <SubmitButton disabled={pending}>{pending ? "Sending…" : "E-mail me a code"}</SubmitButton>
        {back}
      </form>
    );
  }
  return (
    <form method="post" onSubmit={onSignIn} noValidate className="flex flex-col gap-4" aria-label="Sign in with a code">
      {sent ? <Alert kind="info">{sent}</Alert> : null}
      {error ? <Alert data-retry-after={error.retryAfter}>{error.message}</Alert> : null}
      <Field
        name="code"
        label="Code"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]*"
        maxLength={7}
        required
        errors={fields.code}
      />
      {askTotp ? (
        <Field
          name="totp"
          label="Authentication code"
          autoComplete="one-time-code"
          autoFocus
          hint="Two-factor authentication is on: the code from your authenticator app, or a recovery code."
        />
      ) : null}
      <SubmitButton disabled={pending}>{pending ? "Signing in…" : "Sign in with code"}</SubmitButton>
      <Button type="button" variant="secondary" disabled={pending} onClick={() => void requestCode(email)}>
        Send a new code
      </Button>
      {back}
    </form>
  );
}
