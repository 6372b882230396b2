import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { oauthProviderList } from "@/lib/auth/providers";
import { getSessionUser } from "@/lib/auth/session";
import { siteOrigin } from "@/lib/http/request";
import { safeCallbackPath } from "@/lib/auth/validation";
import { serverEnv } from "@/lib/config/env";

export const metadata: Metadata = { title: "Create an account" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignUpPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = (await searchParams).callbackUrl;
  const callbackUrl = safeCallbackPath(Array.isArray(raw) ? raw[0] : raw, "/chat", siteOrigin());
  if (await getSessionUser()) redirect(callbackUrl);
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-xl font-semibold">Create your account</h1>
      <SignUpForm callbackUrl={callbackUrl} />
      <OAuthButtons providers={oauthProviderList(serverEnv())} callbackUrl={callbackUrl} />
    </div>
  );
}
