// Outgoing mail. SMTP through nodemailer when SMTP_URL or SMTP_HOST is set; otherwise the local
// outbox (lib/mail/outbox.ts) plus one console line with the mail's link, which lib/config/env.ts
// allows only outside production unless MAIL_TRANSPORT=outbox says so. Links are built from the
// app's public URL (NEXTAUTH_URL).
import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { serverEnv, type ServerEnv } from "@/lib/config/env";
import { writeToOutbox } from "./outbox";
import type { RenderedMail } from "./templates";
import { trackBackgroundWork } from "@/lib/server/lifecycle";

const DEFAULT_FROM = "Parley <no-reply@localhost>";

/** An absolute URL of this app for a path ("/reset-password#token=…"), from its public address. */
export function appUrl(pathAndQuery: string, env: ServerEnv = serverEnv()): string {
  const base = (env.NEXTAUTH_URL ?? process.env.NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/$/, "");
  return `${base}${pathAndQuery}`;
}

const globalForMail = globalThis as unknown as { parleyMailTransport?: { key: string; transport: Transporter } };

function smtpTransport(env: ServerEnv): Transporter {
  const key = env.SMTP_URL ?? `${env.SMTP_HOST}:${env.SMTP_PORT}:${env.SMTP_USER}:${env.SMTP_SECURE}`;
  const cached = globalForMail.parleyMailTransport;
  if (cached?.key === key) return cached.transport;
  const transport = env.SMTP_URL
    ? nodemailer.createTransport(env.SMTP_URL)
    : nodemailer.createTransport({
        host: env.SMTP_HOST,
        port: env.SMTP_PORT ?? (env.SMTP_SECURE ? 465 : 587),
        secure: env.SMTP_SECURE ?? false,
        auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASSWORD ?? "" } : undefined,
      });
  globalForMail.parleyMailTransport = { key, transport };
  return transport;
}

/** Sends one rendered mail; rejects when the SMTP server refuses it (callers decide whether that matters). */
export async function sendMail(to: string, mail: RenderedMail, env: ServerEnv = serverEnv()): Promise<void> {
  const from = env.MAIL_FROM ?? DEFAULT_FROM;
  if (env.mailTransport === "smtp") {
    await smtpTransport(env).sendMail({ from, to, subject: mail.subject, text: mail.text, html: mail.html });
    return;
  }
  await writeToOutbox({ from, to, ...mail });
  const link = /https?:\/\/\S+/.exec(mail.text)?.[0];
  console.log(`[mail] to ${to}: ${mail.subject}${link ? ` — ${link}` : ""} (outbox; /dev/mail in development)`);
}

/**
 * Sends without making the caller wait or fail: for answers that must not depend on whether an
 * account exists (the time an SMTP round trip takes would tell), and for notices.
 */
export function sendMailInBackground(to: string, mail: RenderedMail): void {
  // Tracked: a draining instance (SIGTERM) waits for the mail before it exits.
  void trackBackgroundWork(sendMail(to, mail)).catch((error: unknown) =>
    console.error(`[mail] sending "${mail.subject}" failed:`, (error as Error).message),
  );
}
