// The test SMTP server of the e2e run (started by Playwright's webServer): every mail the app sends
// lands here; specs read it through the HTTP inbox (e2e/support/mail.ts).
import { startMailServer } from "../../tests/support/mail-server";
import { MAIL_MOCK } from "./mail-config";

const server = await startMailServer({ smtpPort: MAIL_MOCK.smtpPort, httpPort: MAIL_MOCK.inboxPort });
console.log(`test SMTP server on 127.0.0.1:${server.smtpPort}, inbox at ${server.inboxUrl}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void server.close().finally(() => process.exit(0));
  });
}
