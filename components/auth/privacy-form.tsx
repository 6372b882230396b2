"use client";
// Settings: who sees my last seen & online, my profile photo and my about line; read receipts on or
// off; who can add me to groups (issue 15). Enforced by the server in every read, event and add;
// saving tells the people who know me at once.
import type { FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { updatePrivacyAction } from "@/app/settings/actions";
import { AUDIENCES, GROUP_ADD_AUDIENCES, type Audience, type GroupAddAudience, type PrivacySettings } from "@/lib/chat/privacy/dto";
import { useActionForm } from "./use-action-form";

type AudienceKey = "lastSeen" | "photo" | "about";
const LABELS: Record<AudienceKey, string> = {
  lastSeen: "Last seen and online",
  photo: "Profile photo",
  about: "About",
};
const AUDIENCE_LABELS: Record<Audience, string> = { everyone: "Everyone", contacts: "My contacts", nobody: "Nobody" };
const GROUP_ADD_LABELS: Record<GroupAddAudience, string> = { everyone: "Everyone", contacts: "My contacts" };
const selectClass = "rounded-lg border border-neutral-300 bg-white px-3 py-2 text-base dark:border-neutral-700 dark:bg-neutral-900";
const labelClass = "text-sm font-medium text-neutral-800 dark:text-neutral-200";

export function PrivacyForm({ settings }: { settings: PrivacySettings }) {
  const { fields, error, saved, pending, submit } = useActionForm();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      ...Object.fromEntries((Object.keys(LABELS) as AudienceKey[]).map((key) => [key, String(form.get(key))])),
      groupAdd: String(form.get("groupAdd")) as GroupAddAudience,
      readReceipts: form.get("readReceipts") === "on",
    };
    await submit(
      () => updatePrivacyAction(input),
      () => {},
    );
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label="Privacy">
      {error ? <Alert>{error}</Alert> : null}
      {saved ? <Alert kind="info">Privacy settings saved.</Alert> : null}
      <p className="text-sm text-neutral-600 dark:text-neutral-400">
        Who can see these. Hiding your last seen and online also hides others&apos; online and typing from you where they cannot see yours.
      </p>
      {(Object.keys(LABELS) as AudienceKey[]).map((key) => (
        <div key={key} className="flex flex-col gap-1.5">
          <label htmlFor={`privacy-${key}`} className={labelClass}>
            {LABELS[key]}
          </label>
          <select
            id={`privacy-${key}`}
            name={key}
            defaultValue={settings[key]}
            aria-invalid={fields[key] ? true : undefined}
            className={selectClass}
          >
            {AUDIENCES.map((audience) => (
              <option key={audience} value={audience}>
                {AUDIENCE_LABELS[audience]}
              </option>
            ))}
          </select>
        </div>
      ))}
      <div className="flex flex-col gap-1.5">
        <label htmlFor="privacy-groupAdd" className={labelClass}>
          Who can add me to groups
        </label>
        <select
          id="privacy-groupAdd"
          name="groupAdd"
          defaultValue={settings.groupAdd}
          aria-invalid={fields.groupAdd ? true : undefined}
          className={selectClass}
        >
          {GROUP_ADD_AUDIENCES.map((audience) => (
            <option key={audience} value={audience}>
              {GROUP_ADD_LABELS[audience]}
            </option>
          ))}
        </select>
        <p className="text-xs text-neutral-600 dark:text-neutral-400">
          Anyone else who adds you sends an invitation you can accept or decline.
        </p>
      </div>
      <div className="flex flex-col gap-1.5">
        <label className="flex items-center gap-2 text-sm font-medium text-neutral-800 dark:text-neutral-200">
          <input type="checkbox" name="readReceipts" defaultChecked={settings.readReceipts} className="size-4" />
          Read receipts
        </label>
        <p className="text-xs text-neutral-600 dark:text-neutral-400">
          Off: people in one-to-one chats do not see when you have read their messages, and you do not see theirs. Group chats always show
          reads; delivered ticks stay.
        </p>
      </div>
      <SubmitButton disabled={pending} className="self-start">
        {pending ? "Saving…" : "Save privacy"}
      </SubmitButton>
    </form>
  );
}
