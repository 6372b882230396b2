import { ImageIcon, MessagesSquare, Moon, Users } from "lucide-react";
import Link from "next/link";
import { ThemeToggle } from "@/components/layout/theme-toggle";
import { getSessionUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

const FEATURES = [
  { icon: MessagesSquare, title: "Real-time", text: "Messages, typing and read receipts arrive instantly." },
  { icon: Users, title: "Groups", text: "Start a group with the people you talk to most." },
  { icon: ImageIcon, title: "Photos", text: "Paste, drop or attach images, with a full-size viewer." },
  { icon: Moon, title: "Light and dark", text: "Follows your system, or pick your own." },
];

export default async function HomePage() {
  const user = await getSessionUser();
  const link = "rounded-full px-5 py-2.5 text-sm font-semibold transition";
  return (
    <main className="relative flex min-h-dvh flex-col items-center justify-center gap-10 bg-gradient-to-b from-sky-50 to-white px-6 py-16 text-center dark:from-neutral-900 dark:to-neutral-950">
      <div className="absolute top-4 right-4">
        <ThemeToggle />
      </div>
      <div className="flex flex-col items-center gap-4">
        <span aria-hidden className="inline-flex size-16 items-center justify-center rounded-2xl bg-sky-600 text-white shadow-lg">
          <MessagesSquare className="size-9" />
        </span>
        <h1 className="text-5xl font-bold tracking-tight">Parley</h1>
        <p className="max-w-md text-lg text-neutral-600 dark:text-neutral-400">Real-time chat with the people you talk to most.</p>
      </div>
      <nav className="flex flex-wrap justify-center gap-3" aria-label="Account">
        {user ? (
          <Link href="/chat" className={`${link} bg-sky-600 text-white hover:bg-sky-700`}>
            Open Parley
          </Link>
        ) : (
          <>
            <Link href="/sign-in" className={`${link} bg-sky-600 text-white hover:bg-sky-700`}>
              Sign in
            </Link>
            <Link
              href="/sign-up"
              className={`${link} border border-neutral-300 bg-white hover:bg-neutral-50 dark:border-neutral-700 dark:bg-neutral-900 dark:hover:bg-neutral-800`}
            >
              Create an account
            </Link>
          </>
        )}
      </nav>
      <ul className="grid max-w-3xl gap-4 sm:grid-cols-2 lg:grid-cols-4" aria-label="Features">
        {FEATURES.map(({ icon: Icon, title, text }) => (
          <li
            key={title}
            className="rounded-2xl border border-neutral-200 bg-white/70 p-4 text-left dark:border-neutral-800 dark:bg-neutral-900/70"
          >
            <Icon aria-hidden className="mb-2 size-5 text-sky-700 dark:text-sky-400" />
            <h2 className="text-sm font-semibold">{title}</h2>
            <p className="mt-1 text-sm text-neutral-600 dark:text-neutral-400">{text}</p>
          </li>
        ))}
      </ul>
    </main>
  );
}
