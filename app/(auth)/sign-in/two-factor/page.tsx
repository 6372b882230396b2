import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { TwoFactorSignInForm } from "@/components/auth/two-factor-sign-in-form";
import { getPendingSignIn, getSessionUser } from "@/lib/auth/session";
import { safeCallbackPath } from "@/lib/auth/validation";
import { siteOrigin } from "@/lib/http/request";

export const metadata: Metadata = { title: "Two-factor authentication" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The code page of an OAuth sign-in that asks for a second factor (lib/account/two-factor/pending.ts). */
export default async function TwoFactorSignInPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = (await searchParams).callbackUrl;
  const callbackUrl = safeCallbackPath(Array.isArray(raw) ? raw[0] : raw, "/chat", siteOrigin());
  if (await getSessionUser()) redirect(callbackUrl);
  const pending = await getPendingSignIn();
  if (!pending) redirect(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-xl font-semibold">Two-factor authentication</h1>
      <p className="text-sm">
        You asked for a code after signing in with another provider too. Enter the code from your authenticator app to finish signing in
        {pending.name ? ` as ${pending.name}` : ""}.
      </p>
      <TwoFactorSignInForm callbackUrl={callbackUrl} />
    </div>
  );
}
