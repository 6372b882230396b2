"use client";
// Settings: my username (how people find me) and my about line (issue 15). Errors come from the
// server's answer, per field (taken, reserved, too short, characters), never a 500.
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { Field } from "@/components/ui/field";
import { updateProfileDetailsAction } from "@/app/settings/actions";
import { PROFILE_LIMITS } from "@/lib/chat/profiles/limits";
import { useActionForm } from "./use-action-form";

export function ProfileDetailsForm({ username, about }: { username: string | null; about: string | null }) {
  const router = useRouter();
  const { fields, error, saved, pending, submit } = useActionForm();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = { username: String(form.get("username") ?? ""), about: String(form.get("about") ?? "") };
    await submit(
      () => updateProfileDetailsAction(input),
      () => router.refresh(),
    );
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label="Username and about">
      {!username && !saved ? (
        <Alert kind="info">
          Choose a username so people can find you. Without one, only your verified email or people you already chat with can.
        </Alert>
      ) : null}
      {error ? <Alert>{error}</Alert> : null}
      {saved ? <Alert kind="info">Username and about saved.</Alert> : null}
      <Field
        name="username"
        label="Username"
        defaultValue={username ?? ""}
        key={`u-${username}`}
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={PROFILE_LIMITS.usernameMax + 1}
        hint={`${PROFILE_LIMITS.usernameMin}–${PROFILE_LIMITS.usernameMax} letters, digits, _ or . — people find you by @username.`}
        errors={fields.username}
      />
      <Field
        name="about"
        label="About"
        defaultValue={about ?? ""}
        key={`a-${about}`}
        maxLength={PROFILE_LIMITS.aboutMax}
        hint={`A line about you, at most ${PROFILE_LIMITS.aboutMax} characters.`}
        errors={fields.about}
      />
      <SubmitButton disabled={pending} className="self-start">
        {pending ? "Saving…" : "Save username and about"}
      </SubmitButton>
    </form>
  );
}
