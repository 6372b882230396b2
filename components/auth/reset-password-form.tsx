"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useSyncExternalStore, type FormEvent } from "react";
import { fieldErrors, newPasswordSchema, PASSWORD_MAX_BYTES, PASSWORD_MIN_LENGTH } from "@/lib/auth/validation";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { Field } from "@/components/ui/field";
import { authApi } from "@/lib/client/auth-api";
import { NETWORK_MESSAGE } from "@/lib/client/api";

/** The token is in the link's fragment (#token=…): it never reaches a server log or a Referer header. */
export function tokenFromHash(): string | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  return match?.[1] ?? null;
}

const subscribeToHash = (onChange: () => void) => {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
};

/** The link's token: undefined while rendering on the server (no fragment there), null when missing. */
export function useLinkToken(): string | null | undefined {
  return useSyncExternalStore(subscribeToHash, tokenFromHash, () => undefined);
}

export function ResetPasswordForm() {
  const router = useRouter();
  const token = useLinkToken();
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!token) return;
    const parsed = newPasswordSchema.safeParse(new FormData(event.currentTarget).get("password"));
    if (!parsed.success) {
      setFields({ password: fieldErrors(parsed.error).form ?? [] });
      return;
    }
    setFields({});
    setError(null);
    setPending(true);
    try {
      const result = await authApi.resetPassword(token, parsed.data);
      if (result.ok) {
        router.push("/sign-in?message=password-reset");
        return;
      }
      setFields({ password: result.error.fields?.password ?? [] });
      setError(result.error.message);
    } catch {
      setError(NETWORK_MESSAGE);
    }
    setPending(false);
  }

  if (token === undefined) return null;
  if (token === null) {
    return (
      <Alert>
        This link is incomplete. Open the link from the e-mail again, or{" "}
        <Link href="/forgot-password" className="underline">
          ask for a new one
        </Link>
        .
      </Alert>
    );
  }
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label="Choose a new password">
      {error ? (
        <Alert>
          {error}{" "}
          <Link href="/forgot-password" className="underline">
            Ask for a new link
          </Link>
        </Alert>
      ) : null}
      <Field
        name="password"
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN_LENGTH}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters (at most ${PASSWORD_MAX_BYTES} bytes); not a common password.`}
        errors={fields.password}
      />
      <p className="text-xs text-neutral-500">Setting a new password signs you out everywhere.</p>
      <SubmitButton disabled={pending}>{pending ? "Saving…" : "Set new password"}</SubmitButton>
    </form>
  );
}
