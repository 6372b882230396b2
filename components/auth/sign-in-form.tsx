"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { signInSchema, fieldErrors } from "@/lib/auth/validation";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { Field } from "@/components/ui/field";
import { authApi } from "@/lib/client/auth-api";

export function SignInForm({ callbackUrl, initialError }: { callbackUrl: string; initialError?: string }) {
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<{ message: string; retryAfter?: number } | null>(initialError ? { message: initialError } : null);
  const [pending, setPending] = useState(false);
  /** Two-factor authentication is on: the password was right, now the code. */
  const [askCode, setAskCode] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = signInSchema.safeParse({ email: form.get("email"), password: form.get("password") });
    if (!parsed.success) {
      setFields(fieldErrors(parsed.error));
      setError(null);
      return;
    }
    setFields({});
    setError(null);
    setPending(true);
    try {
      const totp = askCode ? String(form.get("totp") ?? "").trim() : undefined;
      if (askCode && !totp) {
        setFields({ totp: ["Enter the code from your authenticator app."] });
        setPending(false);
        return;
      }
      const result = await authApi.signInWithPassword(parsed.data.email, parsed.data.password, callbackUrl, totp);
      if (result.ok) {
        window.location.assign(result.value);
        return;
      }
      if (result.error.code === "two_factor_required" || result.error.code === "two_factor_wrong") setAskCode(true);
      setError(result.error.code === "two_factor_required" ? null : { message: result.error.message, retryAfter: result.error.retryAfter });
    } catch {
      setError({ message: "Could not reach Parley. Check your connection and try again." });
    }
    setPending(false);
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label="Sign in with email">
      {error ? <Alert data-retry-after={error.retryAfter}>{error.message}</Alert> : null}
      <Field name="email" label="Email" type="email" autoComplete="email" required errors={fields.email} />
      <Field name="password" label="Password" type="password" autoComplete="current-password" required errors={fields.password} />
      {askCode ? (
        <Field
          name="totp"
          label="Authentication code"
          autoComplete="one-time-code"
          autoFocus
          hint="The 6-digit code from your authenticator app, or one of your recovery codes."
          errors={fields.totp}
        />
      ) : null}
      <SubmitButton disabled={pending}>{pending ? "Signing in…" : "Sign in"}</SubmitButton>
      <div className="flex justify-between gap-2 text-sm">
        <Link href="/forgot-password" className="text-sky-700 underline dark:text-sky-400">
          Forgot password?
        </Link>
        <Link href={`/sign-in/code?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="text-sky-700 underline dark:text-sky-400">
          E-mail me a code instead
        </Link>
      </div>
      <p className="text-center text-sm text-neutral-600 dark:text-neutral-400">
        New to Parley?{" "}
        <Link
          href={`/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}`}
          className="font-medium text-sky-700 underline dark:text-sky-400"
        >
          Create an account
        </Link>
      </p>
    </form>
  );
}
