// Development only: the mail the app "sent" while no SMTP server is configured (lib/mail/outbox.ts).
// The `.dev.tsx` extension is a page extension only in development (next.config.mjs pageExtensions),
// so a production build has no /dev/mail route at all.
import type { Metadata } from "next";
import { readOutbox } from "@/lib/mail/outbox";

export const metadata: Metadata = { title: "Dev mail" };
export const dynamic = "force-dynamic";

const LINK = /(https?:\/\/[^\s]+)/g;

function Linked({ text }: { text: string }) {
  return (
    <>
      {text.split(LINK).map((part, index) =>
        index % 2 === 1 ? (
          <a key={index} href={part} className="break-all text-sky-700 underline dark:text-sky-400">
            {part}
          </a>
        ) : (
          <span key={index}>{part}</span>
        ),
      )}
    </>
  );
}

export default async function DevMailPage() {
  const mails = await readOutbox(50);
  return (
    <main className="mx-auto flex max-w-3xl flex-col gap-6 px-4 py-10">
      <header>
        <h1 className="text-2xl font-semibold">Dev mail</h1>
        <p className="text-sm text-neutral-600 dark:text-neutral-400">
          Mail kept in the local data folder because no SMTP server is configured (newest first). This page does not exist in production
          builds.
        </p>
      </header>
      {mails.length === 0 ? <p>No mail yet.</p> : null}
      <ol className="flex flex-col gap-4">
        {mails.map((mail) => (
          <li key={mail.id} className="rounded-xl border border-neutral-200 p-4 dark:border-neutral-800">
            <article aria-label={mail.subject}>
              <h2 className="font-semibold">{mail.subject}</h2>
              <p className="text-xs text-neutral-500">
                To {mail.to} · {new Date(mail.at).toUTCString()}
              </p>
              <pre className="mt-3 whitespace-pre-wrap font-sans text-sm">
                <Linked text={mail.text} />
              </pre>
            </article>
          </li>
        ))}
      </ol>
    </main>
  );
}
