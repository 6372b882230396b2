import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Alert } from "@/components/ui/alert";
import { oauthProviderList } from "@/lib/auth/providers";
import { getSessionUser } from "@/lib/auth/session";
import { siteOrigin } from "@/lib/http/request";
import { safeCallbackPath } from "@/lib/auth/validation";
import { serverEnv } from "@/lib/config/env";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

/** NextAuth error codes → what the user reads. Sign-in failures stay generic (no account enumeration). */
const ERRORS: Record<string, string> = {
  CredentialsSignin: "Wrong email or password.",
  OAuthAccountNotLinked:
    "That email address already belongs to a Parley account. Sign in the way you did before; accounts are never joined by email alone.",
  SessionRequired: "Please sign in to continue.",
};

const MESSAGES: Record<string, string> = {
  "signed-out": "You are signed out.",
  "account-deleted": "Your account was deleted. You are signed out.",
  "password-changed": "Your password was changed and every session was signed out. Sign in with the new password.",
  "password-reset": "Your new password is set and every session was signed out. Sign in with the new password.",
  "second-factor-expired": "That sign-in waited too long for its code. Sign in again.",
};

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(one(params.callbackUrl), "/chat", siteOrigin());
  if (await getSessionUser()) redirect(callbackUrl);
  const errorCode = one(params.error);
  const error = errorCode ? (ERRORS[errorCode] ?? "Sign-in failed. Please try again.") : undefined;
  const message = MESSAGES[one(params.message) ?? ""];
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-xl font-semibold">Sign in</h1>
      {message ? <Alert kind="info">{message}</Alert> : null}
      <SignInForm callbackUrl={callbackUrl} initialError={error} />
      <OAuthButtons providers={oauthProviderList(serverEnv())} callbackUrl={callbackUrl} />
    </div>
  );
}
