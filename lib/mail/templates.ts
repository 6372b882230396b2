// Every mail Parley sends, each built from one template: a subject, paragraphs, an optional action
// link and a closing line. The plain-text and the HTML body are both rendered from that one
// definition (HTML-escaped), so the two never say different things. Links are absolute URLs of the
// app's public address (lib/mail/mailer.ts appUrl).
import "server-only";

export interface MailContent {
  subject: string;
  /** Plain paragraphs (no markup). */
  paragraphs: string[];
  action?: { label: string; url: string };
  /** A code shown large (sign-in codes). */
  code?: string;
  closing?: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

export function renderMail(content: MailContent): RenderedMail {
  const text = [
    ...content.paragraphs,
    ...(content.code ? [content.code] : []),
    ...(content.action ? [`${content.action.label}: ${content.action.url}`] : []),
    ...(content.closing ? [content.closing] : []),
    "— Parley",
  ].join("\n\n");
  const p = (value: string) => `<p style="margin:0 0 16px">${escapeHtml(value)}</p>`;
  const html = [
    `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#171717;max-width:560px;margin:0 auto;padding:24px">`,
    ...content.paragraphs.map(p),
    content.code ? `<p style="font-size:28px;font-weight:600;letter-spacing:6px;margin:0 0 16px">${escapeHtml(content.code)}</p>` : "",
    content.action
      ? `<p style="margin:0 0 16px"><a href="${escapeHtml(content.action.url)}" style="background:#0369a1;color:#fff;padding:10px 16px;border-radius:8px;text-decoration:none">${escapeHtml(content.action.label)}</a></p>` +
        p(`Or open this link: ${content.action.url}`)
      : "",
    content.closing ? p(content.closing) : "",
    `<p style="color:#737373;margin:0">— Parley</p></body></html>`,
  ].join("");
  return { subject: content.subject, text, html };
}

const IGNORE = "If this was not you, you can ignore this e-mail.";

export const templates = {
  verifyEmail: (data: { name: string | null; url: string }) =>
    renderMail({
      subject: "Confirm your e-mail address for Parley",
      paragraphs: [`Hi ${data.name ?? "there"},`, "Confirm that this is your e-mail address to finish setting up your Parley account."],
      action: { label: "Confirm my e-mail address", url: data.url },
      closing: `The link works once, for 24 hours. ${IGNORE}`,
    }),
  resetPassword: (data: { url: string }) =>
    renderMail({
      subject: "Reset your Parley password",
      paragraphs: ["Someone (hopefully you) asked to reset the password of the Parley account for this address."],
      action: { label: "Choose a new password", url: data.url },
      closing: `The link works once, for 30 minutes. ${IGNORE}`,
    }),
  passwordChanged: (data: { when: Date }) =>
    renderMail({
      subject: "Your Parley password was changed",
      paragraphs: [
        `The password of your Parley account was changed on ${data.when.toUTCString()}, and every session was signed out.`,
        "If you did not do this, reset your password now and check the e-mail account this message came to.",
      ],
    }),
  newSignIn: (data: { device: string; ip: string; when: Date; settingsUrl: string }) =>
    renderMail({
      subject: "New sign-in to your Parley account",
      paragraphs: [
        `Your Parley account was signed in from a device it had not used before: ${data.device}, address ${data.ip}, on ${data.when.toUTCString()}.`,
        "If this was you, there is nothing to do. If not, sign that session out and change your password.",
      ],
      action: { label: "Review my sessions", url: data.settingsUrl },
    }),
  signInCode: (data: { code: string }) =>
    renderMail({
      subject: `Your Parley sign-in code: ${data.code}`,
      paragraphs: ["Enter this code to sign in to Parley:"],
      code: data.code,
      closing: `It works once, for 10 minutes. Never tell it to anyone. ${IGNORE}`,
    }),
  deleteAccountCode: (data: { code: string }) =>
    renderMail({
      subject: `Your Parley code to delete your account: ${data.code}`,
      paragraphs: ["Enter this code to confirm that you want to delete your Parley account. Deleting cannot be undone."],
      code: data.code,
      closing: `It works once, for 10 minutes. Never tell it to anyone. If you did not ask to delete your account, change your password.`,
    }),
};
