"use client";
// Settings: who sees my last seen & online, my profile photo and my about line (issue 15). Enforced
// by the server in every read and in presence; saving tells the people who know me at once.
import type { FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { updatePrivacyAction } from "@/app/settings/actions";
import { AUDIENCES, type Audience, type PrivacySettings } from "@/lib/chat/privacy/dto";
import { useActionForm } from "./use-action-form";

const LABELS: Record<keyof PrivacySettings, string> = {
  lastSeen: "Last seen and online",
  photo: "Profile photo",
  about: "About",
};
const AUDIENCE_LABELS: Record<Audience, string> = { everyone: "Everyone", contacts: "My contacts", nobody: "Nobody" };

export function PrivacyForm({ settings }: { settings: PrivacySettings }) {
  const { fields, error, saved, pending, submit } = useActionForm();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = Object.fromEntries((Object.keys(LABELS) as (keyof PrivacySettings)[]).map((key) => [key, String(form.get(key))]));
    await submit(
      () => updatePrivacyAction(input),
      () => {},
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label="Privacy">
      {error ? <Alert>{error}</Alert> : null}
      {saved ? <Alert kind="info">Privacy settings saved.</Alert> : null}
      <p className="text-sm text-neutral-600 dark:text-neutral-400">
        Who can see these. Hiding your last seen and online also hides others&apos; online and typing from you where they cannot see yours.
      </p>
      {(Object.keys(LABELS) as (keyof PrivacySettings)[]).map((key) => (
        <div key={key} className="flex flex-col gap-1.5">
          <label htmlFor={`privacy-${key}`} className="text-sm font-medium text-neutral-800 dark:text-neutral-200">
            {LABELS[key]}
          </label>
          <select
            id={`privacy-${key}`}
            name={key}
            defaultValue={settings[key]}
            aria-invalid={fields[key] ? true : undefined}
            className="rounded-lg border border-neutral-300 bg-white px-3 py-2 text-base dark:border-neutral-700 dark:bg-neutral-900"
          >
            {AUDIENCES.map((audience) => (
              <option key={audience} value={audience}>
                {AUDIENCE_LABELS[audience]}
              </option>
            ))}
          </select>
        </div>
      ))}
      <Button type="submit" disabled={pending} className="self-start">
        {pending ? "Saving…" : "Save privacy"}
      </Button>
    </form>
  );
}
