"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { emailRequestSchema } from "@/lib/account/schemas";
import { fieldErrors } from "@/lib/auth/validation";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { Field } from "@/components/ui/field";
import { authApi } from "@/lib/client/auth-api";
import { NETWORK_MESSAGE } from "@/lib/client/api";

/** Asks for a reset link. The answer is the same whether or not an account has the address. */
export function ForgotPasswordForm() {
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<{ message: string; retryAfter?: number } | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = emailRequestSchema.safeParse({ email: new FormData(event.currentTarget).get("email") });
    if (!parsed.success) {
      setFields(fieldErrors(parsed.error));
      return;
    }
    setFields({});
    setError(null);
    setPending(true);
    try {
      const result = await authApi.requestPasswordReset(parsed.data.email);
      if (result.ok) setSent(result.value.message);
      else {
        setFields(result.error.fields ?? {});
        setError({ message: result.error.message, retryAfter: result.error.retryAfter });
      }
    } catch {
      setError({ message: NETWORK_MESSAGE });
    }
    setPending(false);
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label="Reset your password">
      {sent ? <Alert kind="info">{sent}</Alert> : null}
      {error ? <Alert data-retry-after={error.retryAfter}>{error.message}</Alert> : null}
      <Field name="email" label="Email" type="email" autoComplete="email" required errors={fields.email} />
      <SubmitButton disabled={pending}>{pending ? "Sending…" : sent ? "Send another link" : "Send reset link"}</SubmitButton>
      <p className="text-center text-sm text-neutral-600 dark:text-neutral-400">
        <Link href="/sign-in" className="font-medium text-sky-700 underline dark:text-sky-400">
          Back to sign in
        </Link>
      </p>
    </form>
  );
}
