import Link from "next/link";
import { getSessionUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const user = await getSessionUser();
  const link = "rounded-lg px-4 py-2 text-sm font-semibold";
  return (
    <main className="mx-auto flex min-h-dvh max-w-xl flex-col items-center justify-center gap-6 p-8 text-center">
      <h1 className="text-4xl font-semibold tracking-tight">Parley</h1>
      <p className="text-lg text-neutral-600 dark:text-neutral-400">
        Real-time chat with the people you talk to most.
      </p>
      <nav className="flex gap-3" aria-label="Account">
        {user ? (
          <Link href="/chat" className={`${link} bg-sky-600 text-white hover:bg-sky-700`}>
            Open Parley
          </Link>
        ) : (
          <>
            <Link href="/sign-in" className={`${link} bg-sky-600 text-white hover:bg-sky-700`}>
              Sign in
            </Link>
            <Link href="/sign-up" className={`${link} border border-neutral-300 hover:bg-neutral-50 dark:border-neutral-700 dark:hover:bg-neutral-800`}>
              Create an account
            </Link>
          </>
        )}
      </nav>
    </main>
  );
}
