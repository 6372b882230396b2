"use client";

import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Avatar } from "@/components/ui/avatar";
import { SubmitButton } from "@/components/ui/submit-button";
import { Field } from "@/components/ui/field";
import { updateProfileAction } from "@/app/settings/actions";
import { useActionForm } from "./use-action-form";

export function ProfileForm({ name, image }: { name: string | null; image: string | null }) {
  const router = useRouter();
  const { fields, error, saved, pending, submit } = useActionForm();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    await submit(
      () => updateProfileAction(new FormData(formElement)),
      () => {
        formElement.reset();
        router.refresh();
      },
    );
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label="Edit profile">
      {error ? <Alert>{error}</Alert> : null}
      {saved ? <Alert kind="info">Profile saved.</Alert> : null}
      <div className="flex items-center gap-4">
        <Avatar name={name} image={image} size={64} />
        <p className="text-sm text-neutral-600 dark:text-neutral-400">Upload a picture or paste an https image link.</p>
      </div>
      <Field
        name="name"
        label="Display name"
        defaultValue={name ?? ""}
        key={name}
        autoComplete="name"
        maxLength={50}
        errors={fields.name}
      />
      <Field
        name="avatar"
        label="Avatar image"
        type="file"
        accept="image/png,image/jpeg,image/gif,image/webp"
        hint="PNG, JPEG, GIF or WebP, at most 5 MB."
        errors={fields.avatar}
      />
      <Field name="imageUrl" label="Or image URL" type="url" placeholder="https://…" inputMode="url" errors={fields.imageUrl} />
      <SubmitButton disabled={pending} className="self-start">
        {pending ? "Saving…" : "Save profile"}
      </SubmitButton>
    </form>
  );
}
