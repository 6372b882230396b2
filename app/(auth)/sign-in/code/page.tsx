import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { CodeSignInForm } from "@/components/auth/code-sign-in-form";
import { getSessionUser } from "@/lib/auth/session";
import { safeCallbackPath } from "@/lib/auth/validation";
import { siteOrigin } from "@/lib/http/request";

export const metadata: Metadata = { title: "Sign in with a code" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function CodeSignInPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = (await searchParams).callbackUrl;
  const callbackUrl = safeCallbackPath(Array.isArray(raw) ? raw[0] : raw, "/chat", siteOrigin());
  if (await getSessionUser()) redirect(callbackUrl);
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-xl font-semibold">Sign in with a code</h1>
      <CodeSignInForm callbackUrl={callbackUrl} />
    </div>
  );
}
