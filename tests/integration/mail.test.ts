// Outgoing mail: one template renders the text and the (escaped) HTML body; SMTP delivery to the
// real test server; without SMTP, the local outbox that /dev/mail lists, with the link on the console.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { parseServerEnv, serverEnv } from "@/lib/config/env";
import { sendMail, sendMailInBackground } from "@/lib/mail/mailer";
import { pendingBackgroundWork, settleBackgroundWork } from "@/lib/server/lifecycle";
import { readOutbox } from "@/lib/mail/outbox";
import { renderMail, templates } from "@/lib/mail/templates";
import { waitForMail } from "../support/mail-server";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-mail-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe("mail", () => {
  it("renders text and HTML from one template, escaping what it shows", () => {
    const mail = renderMail({ subject: "S", paragraphs: ["Hi <b>Eve</b> & co"], action: { label: "Go", url: "http://x.test/a?b=1&c=2" } });
    expect(mail.text).toContain("Hi <b>Eve</b> & co");
    expect(mail.text).toContain("Go: http://x.test/a?b=1&c=2");
    expect(mail.html).toContain("Hi &lt;b&gt;Eve&lt;/b&gt; &amp; co");
    expect(mail.html).toContain('href="http://x.test/a?b=1&amp;c=2"');
    expect(mail.html).not.toContain("<b>Eve</b>");
    expect(templates.verifyEmail({ name: "<script>", url: "http://x.test" }).html).not.toContain("<script>");
  });

  it("delivers through SMTP with MAIL_FROM", async () => {
    const to = `smtp-${Date.now()}@parley.test`;
    await sendMail(to, templates.passwordChanged({ when: new Date() }));
    const mail = await waitForMail(to, /password was changed/);
    expect(mail.from).toContain("<no-reply@parley.test>");
    expect(mail.html).toContain("every session was signed out");
  });

  it("a background mail is work a draining instance waits for (SIGTERM never drops it)", async () => {
    const to = `drain-${Date.now()}@parley.test`;
    const before = pendingBackgroundWork();
    sendMailInBackground(to, templates.passwordChanged({ when: new Date() }));
    expect(pendingBackgroundWork()).toBe(before + 1);
    expect(await settleBackgroundWork(10_000)).toBe(0);
    await waitForMail(to, /password was changed/);
  });

  it("without SMTP keeps the mail in the data folder's outbox and prints its link", async () => {
    const env = parseServerEnv({ ...process.env, SMTP_URL: "", MAIL_FROM: "" });
    expect(env.mailTransport).toBe("outbox");
    const previous = process.env.PARLEY_DATA_DIR;
    process.env.PARLEY_DATA_DIR = dataDir;
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      await sendMail("dev@parley.test", templates.resetPassword({ url: "http://localhost:3000/reset-password#token=abc" }), env);
      expect(log.mock.calls.flat().join(" ")).toContain("http://localhost:3000/reset-password#token=abc");
    } finally {
      log.mockRestore();
      process.env.PARLEY_DATA_DIR = previous;
    }
    const [stored] = await readOutbox(10, path.join(dataDir, "mail"));
    expect(stored).toMatchObject({ to: "dev@parley.test", subject: "Reset your Parley password", from: "Parley <no-reply@localhost>" });
    expect(stored!.html).toContain("Choose a new password");
    expect(serverEnv().mailTransport).toBe("smtp"); // the suite's own configuration is untouched
  });
});
