// Reading the mail the app sent during an e2e run (the test SMTP server's inbox).
import { linkToken, mailCode, waitForMail, type ReceivedMail } from "../../tests/support/mail-server";
import { mailInboxUrl } from "./mail-config";

export { linkToken, mailCode, type ReceivedMail };

export function waitForE2eMail(to: string, subject: RegExp, after = 0): Promise<ReceivedMail> {
  return waitForMail(to, subject, { inboxUrl: mailInboxUrl, timeoutMs: 15_000, after });
}

/** The link in a mail, as a path of this site (the mail's host is the app's public URL). */
export function linkPath(mail: ReceivedMail): string {
  const match = /https?:\/\/[^\s/]+(\/[^\s]*)/.exec(mail.text);
  if (!match) throw new Error(`no link in "${mail.subject}"`);
  return match[1]!;
}
