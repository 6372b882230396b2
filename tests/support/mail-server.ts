// A real SMTP server for the tests (smtp-server + mailparser): every mail the app sends during a
// Vitest run or a Playwright run lands here, parsed, and a small HTTP inbox serves it to the tests
// (GET /messages?to=<address> → [{to, from, subject, text, html, at}], newest last).
// STARTTLS is disabled: smtp-server's built-in certificate has expired, and this is loopback only.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  at: string;
}

export interface MailServer {
  smtpPort: number;
  inboxUrl: string;
  mails: ReceivedMail[];
  close(): Promise<void>;
}

export async function startMailServer({ smtpPort = 0, httpPort = 0 } = {}): Promise<MailServer> {
  const mails: ReceivedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    size: 1024 * 1024,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          mails.push({
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            from: parsed.from?.text ?? "",
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            html: typeof parsed.html === "string" ? parsed.html : "",
            at: new Date().toISOString(),
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once("error", reject);
    smtp.listen(smtpPort, "127.0.0.1", () => resolve());
  });
  const inbox = http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://inbox");
    if (request.method === "GET" && url.pathname === "/messages") {
      const to = url.searchParams.get("to")?.toLowerCase();
      response.writeHead(200, { "Content-Type": "application/json" });
      response.end(JSON.stringify(to ? mails.filter((m) => m.to.includes(to)) : mails));
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    inbox.once("error", reject);
    inbox.listen(httpPort, "127.0.0.1", () => resolve());
  });
  const smtpAddress = (smtp as unknown as { server: { address(): AddressInfo } }).server.address();
  return {
    smtpPort: smtpAddress.port,
    inboxUrl: `http://127.0.0.1:${(inbox.address() as AddressInfo).port}`,
    mails,
    close: async () => {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await new Promise<void>((resolve) => inbox.close(() => resolve()));
    },
  };
}

/** The mails to `to` so far, from an inbox URL (TEST_MAIL_INBOX_URL in Vitest workers). */
export async function mailsTo(to: string, inboxUrl = process.env.TEST_MAIL_INBOX_URL!): Promise<ReceivedMail[]> {
  const response = await fetch(`${inboxUrl}/messages?to=${encodeURIComponent(to)}`);
  return (await response.json()) as ReceivedMail[];
}

/** Waits (≤ timeoutMs) until `to` has received a mail matching `subject`, and returns the newest such mail. */
export async function waitForMail(
  to: string,
  subject: RegExp,
  { inboxUrl = process.env.TEST_MAIL_INBOX_URL!, timeoutMs = 10_000, after = 0 } = {},
): Promise<ReceivedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await mailsTo(to, inboxUrl)).filter((m) => subject.test(m.subject));
    if (found.length > after) return found[found.length - 1]!;
    if (Date.now() > deadline) throw new Error(`no mail to ${to} matching ${subject} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The token of a link in a mail (…#token=<token>). */
export function linkToken(mail: ReceivedMail): string {
  const match = /#token=([A-Za-z0-9_-]+)/.exec(mail.text);
  if (!match) throw new Error(`no link token in "${mail.subject}"`);
  return match[1]!;
}

/** The 6-digit code of a sign-in code mail. */
export function mailCode(mail: ReceivedMail): string {
  const match = /\b(\d{6})\b/.exec(mail.subject);
  if (!match) throw new Error(`no code in "${mail.subject}"`);
  return match[1]!;
}
