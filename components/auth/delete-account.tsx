"use client";
// "Delete my account" (issue #17): a button that opens a dialog asking for the password (or, for an
// account without one, a code we e-mail), with "Also delete my messages". Afterwards the session
// is gone: NextAuth's sign-out clears the cookie and the sign-in page says the account was deleted.
import * as Dialog from "@radix-ui/react-dialog";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import { Field } from "@/components/ui/field";
import { Modal } from "@/components/ui/modal";

const AFTER = "/sign-in?message=account-deleted";
type ErrorBody = { error?: { message?: string; fields?: Record<string, string[]> } };

async function post(path: string, body?: unknown): Promise<{ ok: boolean; data: ErrorBody & Record<string, unknown> }> {
  const response = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = (await response.json().catch(() => ({}))) as ErrorBody & Record<string, unknown>;
  return { ok: response.ok, data };
}

export function DeleteAccount({ hasPassword }: { hasPassword: boolean }) {
  const router = useRouter();
  const opener = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function sendCode() {
    setError(null);
    setPending(true);
    try {
      const { ok, data } = await post("/api/account/delete/code");
      if (ok) setInfo(typeof data.message === "string" ? data.message : "We have sent you a code.");
      else setError(data.error?.message ?? "Could not send the code. Please try again.");
    } catch {
      setError("Could not reach Parley. Check your connection and try again.");
    }
    setPending(false);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = {
      ...(hasPassword ? { password: String(form.get("password") ?? "") } : { code: String(form.get("code") ?? "") }),
      deleteMessages: form.get("deleteMessages") === "on",
    };
    setFields({});
    setError(null);
    setPending(true);
    try {
      const { ok, data } = await post("/api/account/delete", body);
      if (ok) {
        // The account and its sessions are gone: clear the cookie and say so on the sign-in page.
        await import("@/lib/client/offline-data").then(({ forgetOfflineData }) => forgetOfflineData()).catch(() => undefined);
        await import("next-auth/react").then(({ signOut }) => signOut({ callbackUrl: AFTER })).catch(() => router.push(AFTER));
        return;
      }
      setFields(data.error?.fields ?? {});
      setError(data.error?.message ?? "Could not delete the account. Please try again.");
    } catch {
      setError("Could not reach Parley. Check your connection and try again.");
    }
    setPending(false);
  }

  return (
    <>
      <p className="mb-3 text-sm">
        Deleting your account signs you out everywhere and removes your profile, sign-in methods and avatar. You leave your groups. Your
        messages stay in other people&apos;s chats as &ldquo;Deleted account&rdquo;, unless you also delete them. This cannot be undone.
      </p>
      <button
        ref={opener}
        type="button"
        onClick={() => setOpen(true)}
        className="inline-flex rounded-lg bg-red-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-red-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500"
      >
        Delete my account
      </button>
      <Modal open={open} onOpenChange={(next) => !pending && setOpen(next)} returnFocusTo={opener} className="max-w-md">
        <Dialog.Title className="mb-2 text-lg font-semibold">Delete your account?</Dialog.Title>
        <Dialog.Description className="mb-4 text-sm text-neutral-600 dark:text-neutral-300">
          {hasPassword ? "Enter your password to confirm." : "We e-mail you a 6-digit code to confirm."} This cannot be undone.
        </Dialog.Description>
        <form method="post" onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label="Delete account">
          {error ? <Alert>{error}</Alert> : null}
          {info ? <Alert kind="info">{info}</Alert> : null}
          {hasPassword ? (
            <Field name="password" label="Password" type="password" autoComplete="current-password" errors={fields.password} />
          ) : (
            <>
              <Button variant="secondary" onClick={() => void sendCode()} disabled={pending} className="self-start">
                Email me a code
              </Button>
              <Field name="code" label="Code from the e-mail" inputMode="numeric" autoComplete="one-time-code" errors={fields.code} />
            </>
          )}
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="deleteMessages" />
            Also delete my messages
          </label>
          <div className="flex justify-end gap-2">
            <Dialog.Close asChild>
              <Button variant="secondary" disabled={pending}>
                Cancel
              </Button>
            </Dialog.Close>
            <SubmitButton variant="danger" disabled={pending}>
              {pending ? "Deleting…" : "Delete my account permanently"}
            </SubmitButton>
          </div>
        </form>
      </Modal>
    </>
  );
}
