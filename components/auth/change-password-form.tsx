"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { changePasswordSchema, fieldErrors } from "@/lib/auth/validation";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { Field } from "@/components/ui/field";
import { changePasswordAction } from "@/app/settings/actions";

export function ChangePasswordForm() {
  const router = useRouter();
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = changePasswordSchema.safeParse({
      currentPassword: form.get("currentPassword"),
      newPassword: form.get("newPassword"),
    });
    if (!parsed.success) {
      setFields(fieldErrors(parsed.error));
      return;
    }
    setFields({});
    setError(null);
    setPending(true);
    try {
      const result = await changePasswordAction(parsed.data);
      if (result.ok) {
        // Every session ended, this one too: sign in again with the new password.
        router.push("/sign-in?message=password-changed&callbackUrl=%2Fsettings");
        return;
      }
      setFields(result.error.fields ?? {});
      setError(result.error.message);
    } catch {
      setError("Could not reach Parley. Check your connection and try again.");
    }
    setPending(false);
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label="Change password">
      {error ? <Alert>{error}</Alert> : null}
      <Field
        name="currentPassword"
        label="Current password"
        type="password"
        autoComplete="current-password"
        errors={fields.currentPassword}
      />
      <Field name="newPassword" label="New password" type="password" autoComplete="new-password" errors={fields.newPassword} />
      <p className="text-xs text-neutral-500">Changing the password signs you out everywhere.</p>
      <SubmitButton disabled={pending} className="self-start">
        {pending ? "Changing…" : "Change password"}
      </SubmitButton>
    </form>
  );
}
