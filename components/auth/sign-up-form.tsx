"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { fieldErrors, PASSWORD_MAX_BYTES, PASSWORD_MIN_LENGTH, registerSchema } from "@/lib/auth/validation";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { Field } from "@/components/ui/field";
import { authApi } from "@/lib/client/auth-api";

export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<{ message: string; retryAfter?: number } | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = registerSchema.safeParse({
      name: form.get("name"),
      email: form.get("email"),
      username: form.get("username") ?? "",
      password: form.get("password"),
    });
    if (!parsed.success) {
      setFields(fieldErrors(parsed.error));
      setError(null);
      return;
    }
    setFields({});
    setError(null);
    setPending(true);
    try {
      const created = await authApi.register(parsed.data);
      if (!created.ok) {
        setFields(created.error.fields ?? {});
        setError({ message: created.error.message, retryAfter: created.error.retryAfter });
        setPending(false);
        return;
      }
      const signedIn = await authApi.signInWithPassword(parsed.data.email, parsed.data.password, callbackUrl);
      window.location.assign(signedIn.ok ? signedIn.value : `/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      return;
    } catch {
      setError({ message: "Could not reach Parley. Check your connection and try again." });
    }
    setPending(false);
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label="Create an account">
      {error ? <Alert data-retry-after={error.retryAfter}>{error.message}</Alert> : null}
      <Field name="name" label="Name" autoComplete="name" required maxLength={50} errors={fields.name} />
      <Field name="email" label="Email" type="email" autoComplete="email" required errors={fields.email} />
      <Field
        name="username"
        label="Username (optional)"
        autoComplete="username"
        maxLength={30}
        hint="People who know it can find you as @username; your e-mail stays private. You can choose one later in settings."
        errors={fields.username}
      />
      <Field
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN_LENGTH}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters (at most ${PASSWORD_MAX_BYTES} bytes); not a common password.`}
        errors={fields.password}
      />
      <SubmitButton disabled={pending}>{pending ? "Creating account…" : "Create account"}</SubmitButton>
      <p className="text-center text-sm text-neutral-600 dark:text-neutral-400">
        Already have an account?{" "}
        <Link
          href={`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`}
          className="font-medium text-sky-700 underline dark:text-sky-400"
        >
          Sign in
        </Link>
      </p>
    </form>
  );
}
