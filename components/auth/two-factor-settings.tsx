"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import { Field } from "@/components/ui/field";
import {
  beginTwoFactorSetupAction,
  confirmTwoFactorAction,
  disableTwoFactorAction,
  setTwoFactorAfterOAuthAction,
} from "@/app/settings/actions";
import { NETWORK_MESSAGE } from "@/lib/client/api";

type Step = { kind: "idle" } | { kind: "setup"; key: string; uri: string; qr: string } | { kind: "codes"; recoveryCodes: string[] };

/**
 * The settings page's two-factor section: set up (QR + key → confirm → recovery codes once), whether
 * an OAuth sign-in asks too, or turn off.
 */
export function TwoFactorSettings({
  enabled,
  recoveryCodesLeft,
  askAfterOAuth,
}: {
  enabled: boolean;
  recoveryCodesLeft: number;
  askAfterOAuth: boolean;
}) {
  const router = useRouter();
  const [step, setStep] = useState<Step>({ kind: "idle" });
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [pending, setPending] = useState(false);

  async function run<T>(
    call: () => Promise<{ ok: true; data: T } | { ok: false; error: { message: string; fields?: Record<string, string[]> } }>,
  ) {
    setError(null);
    setFields({});
    setPending(true);
    try {
      const result = await call();
      setPending(false);
      if (result.ok) return result.data;
      setFields(result.error.fields ?? {});
      setError(result.error.message);
    } catch {
      setPending(false);
      setError(NETWORK_MESSAGE);
    }
    return undefined;
  }

  async function begin() {
    const setup = await run(() => beginTwoFactorSetupAction());
    if (setup) setStep({ kind: "setup", ...setup });
  }

  async function confirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "");
    const done = await run(() => confirmTwoFactorAction({ code }));
    if (done) setStep({ kind: "codes", recoveryCodes: done.recoveryCodes });
  }

  // Shown at once; back to what it was if the server refuses.
  const [ask, setAsk] = useState(askAfterOAuth);
  async function setAfterOAuth(value: boolean) {
    setAsk(value);
    const done = await run(() => setTwoFactorAfterOAuthAction({ askAfterOAuth: value }));
    if (done) router.refresh();
    else setAsk(!value);
  }

  async function disable(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "");
    const done = await run(() => disableTwoFactorAction({ code }));
    if (done !== undefined) router.refresh();
  }

  if (step.kind === "codes") {
    return (
      <div className="flex flex-col gap-3">
        <Alert kind="info">Two-factor authentication is on.</Alert>
        <p className="text-sm">
          Save these recovery codes somewhere safe. Each works once if you lose your phone. They are shown only now.
        </p>
        <ul aria-label="Recovery codes" className="grid grid-cols-2 gap-1 font-mono text-sm">
          {step.recoveryCodes.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ul>
        <Button
          className="self-start"
          onClick={() => {
            setStep({ kind: "idle" });
            router.refresh();
          }}
        >
          I have saved them
        </Button>
      </div>
    );
  }

  if (enabled) {
    return (
      <div className="flex flex-col gap-3">
        <p className="text-sm">
          <strong>On.</strong> Sign-ins with a password or an e-mailed code also ask for a code from your app. {recoveryCodesLeft} recovery
          codes left.
        </p>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            className="mt-0.5 size-4"
            checked={ask}
            disabled={pending}
            onChange={(event) => void setAfterOAuth(event.currentTarget.checked)}
          />
          <span>
            Also ask for a code after signing in with GitHub, Google or OpenID Connect
            <span className="block text-neutral-600 dark:text-neutral-400">
              Otherwise the provider&apos;s own sign-in is the second factor.
            </span>
          </span>
        </label>
        <form method="post" onSubmit={disable} noValidate className="flex flex-col gap-3" aria-label="Turn off two-factor authentication">
          {error ? <Alert>{error}</Alert> : null}
          <Field name="code" label="Code to turn it off" autoComplete="one-time-code" errors={fields.code} />
          <SubmitButton variant="secondary" disabled={pending} className="self-start">
            Turn off two-factor authentication
          </SubmitButton>
        </form>
      </div>
    );
  }

  if (step.kind === "setup") {
    return (
      <form method="post" onSubmit={confirm} noValidate className="flex flex-col gap-3" aria-label="Confirm two-factor authentication">
        <p className="text-sm">Scan this QR code with your authenticator app, or enter the key by hand.</p>
        {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made on the server; nothing to optimize */}
        <img src={step.qr} alt="QR code for your authenticator app" width={224} height={224} className="rounded bg-white p-2" />
        <p className="text-sm">
          Key:{" "}
          <code data-testid="totp-key" className="break-all font-mono">
            {step.key}
          </code>
        </p>
        {error ? <Alert>{error}</Alert> : null}
        <Field name="code" label="Code from the app" inputMode="numeric" autoComplete="one-time-code" errors={fields.code} />
        <SubmitButton disabled={pending} className="self-start">
          Turn on
        </SubmitButton>
      </form>
    );
  }

  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm">Off. Add a code from an authenticator app to every sign-in with a password or an e-mailed code.</p>
      {error ? <Alert>{error}</Alert> : null}
      <Button variant="secondary" disabled={pending} onClick={() => void begin()} className="self-start">
        Set up two-factor authentication
      </Button>
    </div>
  );
}
