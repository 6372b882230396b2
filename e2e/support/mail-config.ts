// Where the e2e test SMTP server listens (fixed ports: the app server is told at start-up) and its
// HTTP inbox, from which the specs read what the app sent.
export const MAIL_MOCK = {
  smtpPort: Number(process.env.E2E_SMTP_PORT ?? 3125),
  inboxPort: Number(process.env.E2E_MAIL_INBOX_PORT ?? Number(process.env.E2E_SMTP_PORT ?? 3125) + 1),
};

export const smtpMockUrl = `smtp://127.0.0.1:${MAIL_MOCK.smtpPort}`;
export const mailInboxUrl = `http://127.0.0.1:${MAIL_MOCK.inboxPort}`;
