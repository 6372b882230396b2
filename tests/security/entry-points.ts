// The authorization matrix's declaration table (OWASP ASVS V8.2.1, V8.2.2, V8.3.1).
// tests/security/authz-matrix.test.ts discovers every entry point from the code — each exported
// HTTP method of app/**/route.ts, each export of a "use server" module, each channel kind of
// lib/realtime/channels.ts — and calls it as every role below. An entry point with no declaration
// here fails the test: add one, with the status each role must get.
//
// tests/security/pending-session.test.ts calls the same entry points with a real session cookie of
// an OAuth sign-in that still waits for its second factor: each must answer its `pending` status,
// which is the anonymous one unless declared.
//
// Roles: anonymous (no session), nonMember (signed in, not in the conversation / not the owner),
// member (a plain member of the conversation / the owner), admin (the group's admin; required for
// conversation-scoped entry points, where roles apply).
// Server actions answer a result object; its error code is mapped to the HTTP status of lib/errors.
import type { Body, Fixture } from "./support";
import { newId, pushTestKeys } from "./support";

export const ROLES = ["anonymous", "nonMember", "member", "admin"] as const;
export type Role = (typeof ROLES)[number];

export type Scope = "public" | "user" | "conversation";

export interface CallContext {
  f: Fixture;
  role: Role;
  /** A fresh unique string for bodies that must not collide (emails, names). */
  unique: string;
}

interface Common {
  scope: Scope;
  /** Expected HTTP status per role; `admin` is required when scope is "conversation". */
  expect: Partial<Record<Role, number>>;
  /** Why this entry point is not called in-process (then covered elsewhere, named here). */
  notInProcess?: string;
  /**
   * The status for an OAuth sign-in still waiting for its second factor (a real pending session
   * cookie; tests/security/pending-session.test.ts). Unset: the anonymous status — a pending
   * session is nobody.
   */
  pending?: number;
}

export interface RouteEntry extends Common {
  /** Same-origin check on state-changing methods: a cross-site call as a member must get 403. */
  csrf: boolean;
  request?: (c: CallContext) => { path: string; params?: Record<string, unknown>; body?: Body; headers?: Record<string, string> };
}

export interface ActionEntry extends Common {
  args: (c: CallContext) => unknown[];
}

export interface ChannelEntry extends Common {
  /** The channel the actor asks to join for this role. */
  channel: (c: CallContext, actorId: string) => string;
}

const conv = (c: CallContext) => c.f.groupId;
const idParams = (c: CallContext) => ({ id: conv(c) });
const signedIn = (status: number) => ({ anonymous: 401, nonMember: status, member: status });
const scoped = (status: number, nonMember = 404) => ({ anonymous: 401, nonMember, member: status, admin: status });

/** Keys: "<METHOD> <url path with [segments]>" (route groups like (chat) removed). */
export const ROUTES: Record<string, RouteEntry> = {
  "GET /api/health": {
    scope: "public",
    csrf: false,
    expect: { anonymous: 200, nonMember: 200, member: 200 },
    request: () => ({ path: "/api/health" }),
  },

  "GET /api/auth/[...nextauth]": {
    scope: "public",
    csrf: false,
    expect: { anonymous: 200, nonMember: 200, member: 200 },
    notInProcess:
      "NextAuth reads cookies()/headers() of a live Next request; e2e/security.spec.ts calls /api/auth/providers and /api/auth/session on the build",
  },
  "POST /api/auth/[...nextauth]": {
    scope: "public",
    csrf: false,
    expect: { anonymous: 200, nonMember: 200, member: 200 },
    notInProcess:
      "NextAuth's own CSRF token guards it; the rate-limit gate in front of credentials sign-in is tested in tests/security/rate-limits.test.ts, sign-in itself in e2e/auth.spec.ts",
  },
  "POST /api/auth/register": {
    scope: "public",
    csrf: true,
    // Registration is open to anyone (a signed-in user may create another account too).
    expect: { anonymous: 201, nonMember: 201, member: 201 },
    request: (c) => ({
      path: "/api/auth/register",
      body: { json: { name: "Matrix User", email: `matrix-${c.unique}@parley.test`, password: `a long matrix password ${c.unique}` } },
      headers: { "x-forwarded-for": `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` },
    }),
  },

  // Account lifecycle (issue #17): anyone may ask for a reset link or a sign-in code (the same 202
  // whether or not the address has an account) or open a link; resending verification needs a session.
  "POST /api/account/password-reset/request": {
    scope: "public",
    csrf: true,
    expect: { anonymous: 202, nonMember: 202, member: 202 },
    request: (c) => ({
      path: "/api/account/password-reset/request",
      body: { json: { email: `matrix-${c.unique}@parley.test` } },
      headers: { "x-forwarded-for": `10.78.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` },
    }),
  },
  "POST /api/account/password-reset": {
    scope: "public",
    csrf: true,
    // An unknown link: 400 for everyone (a session changes nothing).
    expect: { anonymous: 400, nonMember: 400, member: 400 },
    request: () => ({
      path: "/api/account/password-reset",
      body: { json: { token: "A".repeat(43), password: "a brand new long password 123" } },
    }),
  },
  "POST /api/account/verify-email": {
    scope: "public",
    csrf: true,
    expect: { anonymous: 400, nonMember: 400, member: 400 },
    request: () => ({ path: "/api/account/verify-email", body: { json: { token: "A".repeat(43) } } }),
  },
  "POST /api/account/verify-email/resend": {
    scope: "user",
    csrf: true,
    expect: signedIn(202),
    request: () => ({ path: "/api/account/verify-email/resend" }),
  },
  "GET /api/account/export": { scope: "user", csrf: false, expect: signedIn(200), request: () => ({ path: "/api/account/export" }) },
  // Deleting acts on the caller's own account only; a wrong password (each role's fixture user has
  // another one) is a 400 and nothing is deleted (tests/integration/account-delete.test.ts).
  "POST /api/account/delete": {
    scope: "user",
    csrf: true,
    expect: signedIn(400),
    request: () => ({ path: "/api/account/delete", body: { json: { password: "not the password", deleteMessages: true } } }),
  },
  // A code to the caller's own address only (fixture users without an address: 400).
  "POST /api/account/delete/code": {
    scope: "user",
    csrf: true,
    expect: signedIn(202),
    request: () => ({
      path: "/api/account/delete/code",
      headers: { "x-forwarded-for": `10.78.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` },
    }),
  },
  // The second factor after an OAuth sign-in: only the request's own pending sign-in cookie counts,
  // never a session (the matrix's sessions are not cookies, so every role is 401 here); with a
  // pending cookie a wrong code is a 400 (tests/security/pending-session.test.ts).
  "POST /api/account/two-factor/verify": {
    scope: "public",
    csrf: true,
    expect: { anonymous: 401, nonMember: 401, member: 401 },
    pending: 400,
    request: () => ({ path: "/api/account/two-factor/verify", body: { json: { code: "000000" } } }),
  },
  "POST /api/account/sign-in-code": {
    scope: "public",
    csrf: true,
    expect: { anonymous: 202, nonMember: 202, member: 202 },
    request: (c) => ({
      path: "/api/account/sign-in-code",
      body: { json: { email: `matrix-${c.unique}@parley.test` } },
      headers: { "x-forwarded-for": `10.79.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` },
    }),
  },

  "GET /api/profile": { scope: "user", csrf: false, expect: signedIn(200), request: () => ({ path: "/api/profile" }) },
  "POST /api/profile": {
    scope: "user",
    csrf: true,
    expect: signedIn(200),
    request: () => {
      const form = new FormData();
      form.set("name", "Renamed In Matrix");
      return { path: "/api/profile", body: { form } };
    },
  },
  "POST /api/profile/password": {
    scope: "user",
    csrf: true,
    // Fixture users have no usable password: a signed-in caller reaches the current-password check (400).
    expect: signedIn(400),
    request: () => ({
      path: "/api/profile/password",
      body: { json: { currentPassword: "not the password", newPassword: "a brand new long password 123" } },
    }),
  },

  "GET /api/users": { scope: "user", csrf: false, expect: signedIn(200), request: () => ({ path: "/api/users?query=Sec" }) },
  "GET /api/search": { scope: "user", csrf: false, expect: signedIn(200), request: () => ({ path: "/api/search?q=hello" }) },

  // Calls (issue 18). The fixture's group has a live call: the admin started it and is in it, the
  // member and the third member ring. Starting a call there joins it (glare), accepting joins (the
  // admin: a rejoin), a signal from someone ringing is ignored ({delivered: false}, 200).
  "GET /api/calls": { scope: "user", csrf: false, expect: signedIn(200), request: () => ({ path: "/api/calls" }) },
  "GET /api/calls/current": { scope: "user", csrf: false, expect: signedIn(200), request: () => ({ path: "/api/calls/current" }) },
  "GET /api/conversations/[id]/calls": {
    scope: "conversation",
    csrf: false,
    expect: scoped(200),
    request: (c) => ({ path: `/api/conversations/${conv(c)}/calls`, params: idParams(c) }),
  },
  "POST /api/conversations/[id]/calls": {
    scope: "conversation",
    csrf: true,
    expect: scoped(200),
    request: (c) => ({ path: `/api/conversations/${conv(c)}/calls`, params: idParams(c), body: { json: { type: "voice" } } }),
  },
  "GET /api/calls/[id]": {
    scope: "conversation",
    csrf: false,
    expect: scoped(200),
    request: (c) => ({ path: `/api/calls/${c.f.callId}`, params: { id: c.f.callId } }),
  },
  "POST /api/calls/[id]": {
    scope: "conversation",
    csrf: true,
    expect: scoped(200),
    request: (c) => ({ path: `/api/calls/${c.f.callId}`, params: { id: c.f.callId }, body: { json: { action: "accept" } } }),
  },
  "POST /api/calls/[id]/signal": {
    scope: "conversation",
    csrf: true,
    expect: scoped(200),
    request: (c) => ({
      path: `/api/calls/${c.f.callId}/signal`,
      params: { id: c.f.callId },
      body: { json: { to: c.role === "admin" ? c.f.member.id : c.f.admin.id, kind: "offer", data: "v=0" } },
    }),
  },

  "GET /api/conversations": { scope: "user", csrf: false, expect: signedIn(200), request: () => ({ path: "/api/conversations" }) },
  "POST /api/conversations": {
    scope: "user",
    csrf: true,
    expect: signedIn(201),
    request: (c) => ({
      path: "/api/conversations",
      body: { json: { type: "group", name: `Matrix ${c.unique}`, memberIds: [c.f.admin.id, c.f.third.id] } },
    }),
  },
  "GET /api/conversations/[id]": {
    scope: "conversation",
    csrf: false,
    expect: scoped(200),
    request: (c) => ({ path: `/api/conversations/${conv(c)}`, params: idParams(c) }),
  },
  "DELETE /api/conversations/[id]": {
    scope: "conversation",
    csrf: true,
    expect: scoped(200),
    request: (c) => ({ path: `/api/conversations/${conv(c)}`, params: idParams(c) }),
  },
  "GET /api/conversations/[id]/messages": {
    scope: "conversation",
    csrf: false,
    expect: scoped(200),
    request: (c) => ({ path: `/api/conversations/${conv(c)}/messages?limit=5`, params: idParams(c) }),
  },
  "POST /api/conversations/[id]/messages": {
    scope: "conversation",
    csrf: true,
    expect: scoped(201),
    request: (c) => ({
      path: `/api/conversations/${conv(c)}/messages`,
      params: idParams(c),
      body: { json: { id: newId(), body: "matrix" } },
    }),
  },
  "POST /api/conversations/[id]/seen": {
    scope: "conversation",
    csrf: true,
    expect: scoped(200),
    request: (c) => ({ path: `/api/conversations/${conv(c)}/seen`, params: idParams(c), body: { json: { messageId: c.f.messageId } } }),
  },
  // Message requests (issue 15): the fixture chat is a group, so its members pass the membership
  // gate and get the 400 "a group chat is not a message request" (tests/integration/message-requests.test.ts).
  "POST /api/conversations/[id]/message-request": {
    scope: "conversation",
    csrf: true,
    expect: scoped(400),
    request: (c) => ({ path: `/api/conversations/${conv(c)}/message-request`, params: idParams(c), body: { json: { answer: "accept" } } }),
  },
  // Only the sender sees who received and read a message: the fixture message is the admin's, so a
  // plain member gets the same 404 as a non-member (tests/integration/receipts-delivery.test.ts).
  "GET /api/conversations/[id]/messages/[messageId]/info": {
    scope: "conversation",
    csrf: false,
    expect: { anonymous: 401, nonMember: 404, member: 404, admin: 200 },
    request: (c) => ({
      path: `/api/conversations/${conv(c)}/messages/${c.f.messageId}/info`,
      params: { id: conv(c), messageId: c.f.messageId },
    }),
  },
  // Delivery reports name conversations; those the caller is not in are ignored (200, nothing written).
  "POST /api/receipts/delivered": {
    scope: "user",
    csrf: true,
    expect: signedIn(200),
    request: (c) => ({ path: "/api/receipts/delivered", body: { json: { items: [{ conversationId: conv(c), upTo: c.f.messageId }] } } }),
  },

  // The Starred view: my own stars only (a fresh user has none: an empty page, never someone else's).
  // Contacts (issue 15): my own contacts and requests only.
  "GET /api/contacts": {
    scope: "user",
    csrf: false,
    expect: signedIn(200),
    request: () => ({ path: "/api/contacts" }),
  },
  // Notification center (issue 16): my own entries only (a fresh user's page is empty; marking
  // someone else's entry is the same 404 as a missing one: tests/integration/notification-center.test.ts).
  "GET /api/notification-center": {
    scope: "user",
    csrf: false,
    expect: signedIn(200),
    request: () => ({ path: "/api/notification-center?limit=5" }),
  },
  "POST /api/notification-center/read": {
    scope: "user",
    csrf: true,
    expect: signedIn(200),
    request: () => ({ path: "/api/notification-center/read", body: { json: { all: true } } }),
  },
  "GET /api/starred": {
    scope: "user",
    csrf: false,
    expect: signedIn(200),
    request: () => ({ path: "/api/starred?limit=5" }),
  },

  // Web Push devices (issue 16): my own only. The fixture's device is the member's, so anyone else
  // gets the same 404 as for a device that does not exist.
  "GET /api/notifications/push": {
    scope: "user",
    csrf: false,
    expect: signedIn(200),
    request: () => ({ path: "/api/notifications/push" }),
  },
  "POST /api/notifications/push": {
    scope: "user",
    csrf: true,
    expect: signedIn(201),
    request: (c) => ({
      path: "/api/notifications/push",
      body: { json: { endpoint: `http://127.0.0.1:9/push/${c.unique}`, keys: pushTestKeys } },
    }),
  },
  "DELETE /api/notifications/push": {
    scope: "user",
    csrf: true,
    expect: signedIn(204),
    request: (c) => ({ path: "/api/notifications/push", body: { json: { endpoint: `http://127.0.0.1:9/push/${c.unique}` } } }),
  },
  "PATCH /api/notifications/push/[id]": {
    scope: "user",
    csrf: true,
    expect: { anonymous: 401, nonMember: 404, member: 200 },
    request: (c) => ({
      path: `/api/notifications/push/${c.f.pushDeviceId}`,
      params: { id: c.f.pushDeviceId },
      body: { json: { previews: false } },
    }),
  },
  "DELETE /api/notifications/push/[id]": {
    scope: "user",
    csrf: true,
    expect: { anonymous: 401, nonMember: 404, member: 204 },
    request: (c) => ({ path: `/api/notifications/push/${c.f.pushDeviceId}`, params: { id: c.f.pushDeviceId } }),
  },
  "POST /api/notifications/focus": {
    scope: "user",
    csrf: true,
    expect: signedIn(204),
    request: () => ({ path: "/api/notifications/focus", body: { json: { focused: false } } }),
  },

  "POST /api/realtime/auth": {
    scope: "user",
    csrf: true,
    // Own user channel; per-channel rules are the CHANNELS table below.
    expect: signedIn(200),
    request: (c) => ({
      path: "/api/realtime/auth",
      body: { urlencoded: { socket_id: "123.456", channel_name: `private-user-${c.role === "member" ? c.f.member.id : c.f.outsider.id}` } },
    }),
  },
  "POST /api/realtime/user-auth": {
    scope: "user",
    csrf: true,
    expect: signedIn(200),
    request: () => ({ path: "/api/realtime/user-auth", body: { urlencoded: { socket_id: "123.456" } } }),
  },

  "POST /api/uploads": {
    scope: "user",
    csrf: true,
    // A signed-in caller reaches the content check; a text file is refused as 415 (uploads.test.ts covers the rest).
    expect: signedIn(415),
    request: () => {
      const form = new FormData();
      form.set("file", new Blob(["not an image"], { type: "image/png" }), "x.png");
      return { path: "/api/uploads", body: { form } };
    },
  },
  "GET /api/invites/[token]/icon": {
    scope: "user",
    csrf: false,
    // Issue 15: the group icon of a usable invite link (or to a member); an unknown link is the 404
    // of a missing icon for anyone signed in. Rules: tests/integration/group-icon.test.ts.
    expect: signedIn(404),
    request: () => ({ path: "/api/invites/no-such-invite-link-token/icon", params: { token: "no-such-invite-link-token" } }),
  },
  "GET /api/uploads/[...key]": {
    scope: "conversation",
    csrf: false,
    // Issue #12: an image sent in the group is served to its members only; anyone else, anonymous
    // included, gets the 404 of a missing file (it was a capability URL: 200 for anyone holding it).
    expect: { anonymous: 404, nonMember: 404, member: 200, admin: 200 },
    request: (c) => ({ path: `/api/uploads/${c.f.imageKey}`, params: { key: c.f.imageKey!.split("/") } }),
  },

  // Attachments (issue 14): lib/chat/attachments/, tests/integration/attachments.test.ts.
  "GET /api/attachments": { scope: "user", csrf: false, expect: signedIn(200), request: () => ({ path: "/api/attachments" }) },
  "POST /api/attachments": {
    scope: "user",
    csrf: true,
    // A signed-in caller reaches the content check: text named .pdf is refused as 415.
    expect: signedIn(415),
    request: () => ({ path: "/api/attachments?name=x.pdf", body: { raw: "not a pdf", type: "application/pdf" } }),
  },
  // Direct uploads to S3 (lib/chat/attachments/direct.ts, tests/integration/attachments-s3.test.ts: tokens bound
  // to their uploader and expiring). The matrix runs without S3: a signed-in caller is told to upload through the app.
  "POST /api/attachments/direct": {
    scope: "user",
    csrf: true,
    expect: signedIn(400),
    request: () => ({ path: "/api/attachments/direct", body: { json: { name: "x.pdf", size: 10 } } }),
  },
  "DELETE /api/attachments/direct": {
    scope: "user",
    csrf: true,
    expect: signedIn(400),
    request: () => ({ path: "/api/attachments/direct", body: { json: { token: "x.y" } } }),
  },
  "POST /api/attachments/direct/complete": {
    scope: "user",
    csrf: true,
    expect: signedIn(400),
    request: () => ({
      path: "/api/attachments/direct/complete",
      body: { json: { token: "x.y", parts: [{ partNumber: 1, etag: '"e"' }] } },
    }),
  },
  "GET /api/attachments/[id]": {
    scope: "conversation",
    csrf: false,
    // Sent in the group: its members only; anyone else, anonymous included, the 404 of a missing file.
    expect: { anonymous: 404, nonMember: 404, member: 200, admin: 200 },
    request: (c) => ({ path: `/api/attachments/${c.f.attachmentId}`, params: { id: c.f.attachmentId } }),
  },
  "HEAD /api/attachments/[id]": {
    scope: "conversation",
    csrf: false,
    expect: { anonymous: 404, nonMember: 404, member: 200, admin: 200 },
    request: (c) => ({ path: `/api/attachments/${c.f.attachmentId}`, params: { id: c.f.attachmentId } }),
  },
  "DELETE /api/attachments/[id]": {
    scope: "user",
    csrf: true,
    // Only my pending uploads can be discarded: a sent attachment is not found, whoever asks.
    expect: signedIn(404),
    request: (c) => ({ path: `/api/attachments/${c.f.attachmentId}`, params: { id: c.f.attachmentId } }),
  },
  "GET /api/conversations/[id]/attachments": {
    scope: "conversation",
    csrf: false,
    expect: scoped(200),
    request: (c) => ({ path: `/api/conversations/${conv(c)}/attachments?tab=files`, params: idParams(c) }),
  },
  "GET /api/conversations/[id]/links": {
    scope: "conversation",
    csrf: false,
    expect: scoped(200),
    request: (c) => ({ path: `/api/conversations/${conv(c)}/links`, params: idParams(c) }),
  },
  "POST /api/attachments/[id]/played": {
    scope: "conversation",
    csrf: true,
    // The fixture is a file: a member reaches the kind check (400, only voice notes are played);
    // anyone else the 404 of a missing attachment.
    expect: { anonymous: 401, nonMember: 404, member: 400, admin: 400 },
    request: (c) => ({ path: `/api/attachments/${c.f.attachmentId}/played`, params: { id: c.f.attachmentId } }),
  },
  "GET /api/attachments/[id]/poster": {
    scope: "conversation",
    csrf: false,
    expect: { anonymous: 404, nonMember: 404, member: 200, admin: 200 },
    request: (c) => ({ path: `/api/attachments/${c.f.attachmentId}/poster`, params: { id: c.f.attachmentId } }),
  },
  "PUT /api/attachments/[id]/poster": {
    scope: "conversation",
    csrf: true,
    // The browser's poster (no ffmpeg): the uploader's pending video only. The fixture is the admin's
    // sent file: its uploader is refused with 409 (already sent), anyone else the 404 of a missing
    // attachment. The accepted path: tests/integration/attachment-poster.test.ts.
    expect: { anonymous: 401, nonMember: 404, member: 404, admin: 409 },
    request: (c) => ({
      path: `/api/attachments/${c.f.attachmentId}/poster`,
      params: { id: c.f.attachmentId },
      body: { raw: "not an image", type: "image/jpeg" },
    }),
  },

  // The assistant (issue 19), with a provider configured (authz-matrix.test.ts sets AI_BASE_URL).
  "GET /api/assistant": { scope: "user", csrf: false, expect: signedIn(200), request: () => ({ path: "/api/assistant" }) },
  "PUT /api/assistant": {
    scope: "user",
    csrf: true,
    expect: signedIn(200),
    request: () => ({ path: "/api/assistant", body: { json: { enabled: true } } }),
  },
  "POST /api/assistant/reply": {
    scope: "conversation",
    csrf: true,
    // It answers only in the asker's own assistant chat: in the group, every role is refused like a
    // non-member (the 200 path streams from a provider: tests/integration/assistant.test.ts).
    expect: { anonymous: 401, nonMember: 404, member: 404, admin: 404 },
    request: (c) => ({ path: "/api/assistant/reply", body: { json: { conversationId: conv(c) } } }),
  },
  "PUT /api/assistant/smart-replies": {
    scope: "user",
    csrf: true,
    expect: signedIn(200),
    request: () => ({ path: "/api/assistant/smart-replies", body: { json: { enabled: false } } }),
  },
  "POST /api/assistant/suggestions": {
    scope: "conversation",
    csrf: true,
    // Smart replies are off for the matrix users: every role is refused like a non-member (the 200
    // path, membership and visibility: tests/integration/assistant-suggestions.test.ts).
    expect: { anonymous: 401, nonMember: 404, member: 404, admin: 404 },
    request: (c) => ({ path: "/api/assistant/suggestions", body: { json: { conversationId: conv(c) } } }),
  },
  "POST /api/assistant/catch-up": {
    scope: "conversation",
    csrf: true,
    // A non-member is refused like any chat (404); the matrix users did not turn the assistant on:
    // members get 409 (the 200 path, unread and visibility: tests/integration/assistant-catch-up.test.ts).
    expect: { anonymous: 401, nonMember: 404, member: 409, admin: 409 },
    request: (c) => ({ path: "/api/assistant/catch-up", body: { json: { conversationId: conv(c) } } }),
  },
};

/** Keys: "<file>#<export>" of every "use server" module. */
export const ACTIONS: Record<string, ActionEntry> = {
  "app/(chat)/actions.ts#markSeenAction": { scope: "conversation", expect: scoped(200), args: (c) => [conv(c), c.f.messageId] },
  "app/(chat)/actions.ts#setUnreadMarkAction": { scope: "conversation", expect: scoped(200), args: (c) => [conv(c), true] },
  "app/(chat)/actions.ts#answerMessageRequestAction": { scope: "conversation", expect: scoped(400), args: (c) => [conv(c), "accept"] },
  // My chat list (issue 15): any member, for themselves only.
  "app/(chat)/actions.ts#pinConversationAction": { scope: "conversation", expect: scoped(200), args: (c) => [conv(c), true] },
  "app/(chat)/actions.ts#muteConversationAction": { scope: "conversation", expect: scoped(200), args: (c) => [conv(c), "8h"] },
  "app/(chat)/actions.ts#archiveConversationAction": { scope: "conversation", expect: scoped(200), args: (c) => [conv(c), true] },
  "app/(chat)/actions.ts#removeConversationAction": { scope: "conversation", expect: scoped(200), args: (c) => [conv(c)] },
  // Message actions (issue 13): f.messageId is the admin's message in the group. Editing it, its
  // edit history and deleting it for everyone are the author's (or, for deletion, a group admin's).
  "app/(chat)/actions.ts#editMessageAction": {
    scope: "conversation",
    expect: { anonymous: 401, nonMember: 404, member: 403, admin: 200 },
    args: (c) => [c.f.messageId, `Edited ${c.unique}`],
  },
  "app/(chat)/actions.ts#editHistoryAction": {
    scope: "conversation",
    expect: { anonymous: 401, nonMember: 404, member: 403, admin: 200 },
    args: (c) => [c.f.messageId],
  },
  "app/(chat)/actions.ts#deleteMessageAction": {
    scope: "conversation",
    expect: { anonymous: 401, nonMember: 404, member: 403, admin: 200 },
    args: (c) => [c.f.messageId, "everyone"],
  },
  "app/(chat)/actions.ts#reactToMessageAction": { scope: "conversation", expect: scoped(200), args: (c) => [c.f.messageId, "👍"] },
  "app/(chat)/actions.ts#forwardMessageAction": {
    scope: "conversation",
    expect: scoped(200),
    args: (c) => [c.f.messageId, [conv(c)]],
  },
  // Stars (issue 13): any member may star a message they see. Pins: any member of a 1:1, only the
  // admins of a group (the fixture's conversation is a group: a plain member gets 403).
  "app/(chat)/actions.ts#starMessageAction": { scope: "conversation", expect: scoped(200), args: (c) => [c.f.messageId, true] },
  "app/(chat)/actions.ts#pinMessageAction": {
    scope: "conversation",
    expect: { anonymous: 401, nonMember: 404, member: 403, admin: 200 },
    args: (c) => [c.f.messageId, true],
  },
  // `@ai` in a chat (issue 19): any member of a 1:1, the admins of a group (the fixture's is a group).
  // Turning it off needs no assistant setting of mine, so the admin's call succeeds.
  "app/(chat)/actions.ts#setAssistantInChatAction": {
    scope: "conversation",
    expect: { anonymous: 401, nonMember: 404, member: 403, admin: 200 },
    args: (c) => [c.f.groupId, false],
  },
  "app/(chat)/actions.ts#startDirectConversationAction": { scope: "user", expect: signedIn(200), args: (c) => [c.f.third.id] },
  // Blocking (issue 15): anyone signed in may block or unblock anyone; unblocking (no side effect on
  // the other entries' calls) is what is called. Its rules: tests/integration/blocks.test.ts.
  "app/(chat)/actions.ts#setBlockedAction": { scope: "user", expect: signedIn(200), args: (c) => [c.f.third.id, false] },
  // My status (issue 15): the caller's own.
  "app/(chat)/actions.ts#setStatusAction": { scope: "user", expect: signedIn(200), args: () => ["busy"] },
  "app/(chat)/actions.ts#setAwayAction": { scope: "user", expect: signedIn(200), args: () => [true] },
  // Group admin (issue 15, app/(chat)/group-actions.ts): reading the info panel is any member's;
  // adding (by default), removing, roles, settings and deleting are the admins'; renaming is
  // anyone's while the group does not restrict it. Every rule: tests/integration/group-admin.test.ts.
  "app/(chat)/group-actions.ts#groupInfoAction": { scope: "conversation", expect: scoped(200), args: (c) => [conv(c)] },
  "app/(chat)/group-actions.ts#addGroupMembersAction": {
    scope: "conversation",
    expect: { anonymous: 401, nonMember: 404, member: 403, admin: 200 },
    args: (c) => [conv(c), [c.f.outsider.id]],
  },
  "app/(chat)/group-actions.ts#removeGroupMemberAction": {
    scope: "conversation",
    expect: { anonymous: 401, nonMember: 404, member: 403, admin: 200 },
    args: (c) => [conv(c), c.f.third.id],
  },
  "app/(chat)/group-actions.ts#setGroupRoleAction": {
    scope: "conversation",
    expect: { anonymous: 401, nonMember: 404, member: 403, admin: 200 },
    args: (c) => [conv(c), c.f.third.id, "admin"],
  },
  "app/(chat)/group-actions.ts#updateGroupInfoAction": {
    scope: "conversation",
    expect: scoped(200),
    args: (c) => [conv(c), { name: `Renamed ${c.unique}` }],
  },
  // The group icon: the rule of renaming (anyone unless adminsOnlyInfo); removing an icon the group
  // does not have is a no-op 200. Every rule: tests/integration/group-icon.test.ts.
  "app/(chat)/group-actions.ts#setGroupIconAction": {
    scope: "conversation",
    expect: scoped(200),
    args: (c) => {
      const form = new FormData();
      form.set("remove", "true");
      return [conv(c), form];
    },
  },
  "app/(chat)/group-actions.ts#updateGroupSettingsAction": {
    scope: "conversation",
    expect: { anonymous: 401, nonMember: 404, member: 403, admin: 200 },
    args: (c) => [conv(c), { adminsOnlySend: true }],
  },
  "app/(chat)/group-actions.ts#deleteGroupAction": {
    scope: "conversation",
    expect: { anonymous: 401, nonMember: 404, member: 403, admin: 200 },
    args: (c) => [conv(c)],
  },
  // Invite links (issue 15): admins create, list and revoke (revoking an unknown link is the admin's
  // 404); joining is anyone signed in (a link that does not exist: 404). Rules: group-admin.test.ts.
  "app/(chat)/group-actions.ts#createGroupInviteAction": {
    scope: "conversation",
    expect: { anonymous: 401, nonMember: 404, member: 403, admin: 200 },
    args: (c) => [conv(c), { expiresInHours: 24, maxUses: 5 }],
  },
  "app/(chat)/group-actions.ts#listGroupInvitesAction": {
    scope: "conversation",
    expect: { anonymous: 401, nonMember: 404, member: 403, admin: 200 },
    args: (c) => [conv(c)],
  },
  "app/(chat)/group-actions.ts#revokeGroupInviteAction": {
    scope: "conversation",
    expect: { anonymous: 401, nonMember: 404, member: 403, admin: 404 },
    args: (c) => [conv(c), newId()],
  },
  "app/(chat)/group-actions.ts#joinGroupByInviteAction": {
    scope: "user",
    expect: signedIn(404),
    args: () => ["no-such-invite-link-token"],
  },
  // Contacts (issue 15): anyone reachable may be asked (idempotent while pending); only the
  // receiver settles a request and only the sender cancels it (anyone else: 404, like an unknown id).
  "app/(chat)/contact-actions.ts#sendContactRequestAction": { scope: "user", expect: signedIn(200), args: (c) => [c.f.third.id] },
  "app/(chat)/contact-actions.ts#respondToContactRequestAction": { scope: "user", expect: signedIn(404), args: () => [newId(), true] },
  "app/(chat)/contact-actions.ts#cancelContactRequestAction": { scope: "user", expect: signedIn(404), args: () => [newId()] },
  "app/(chat)/contact-actions.ts#removeContactAction": { scope: "user", expect: signedIn(404), args: (c) => [c.f.admin.id] },
  // Group invitations (issue 15): only the invitee answers; an unknown id (or someone else's) is 404.
  "app/(chat)/group-actions.ts#respondToGroupInvitationAction": { scope: "user", expect: signedIn(404), args: () => [newId(), true] },
  "app/(chat)/actions.ts#createGroupAction": {
    scope: "user",
    expect: signedIn(200),
    args: (c) => [{ name: `Action ${c.unique}`, memberIds: [c.f.admin.id, c.f.third.id] }],
  },
  "app/settings/actions.ts#updateProfileAction": {
    scope: "user",
    expect: signedIn(200),
    args: () => {
      const form = new FormData();
      form.set("name", "Renamed By Action");
      return [form];
    },
  },
  // Fixture users have no usable password: a signed-in caller reaches the current-password check (400).
  "app/settings/actions.ts#changePasswordAction": {
    scope: "user",
    expect: signedIn(400),
    args: () => [{ currentPassword: "not the password", newPassword: "a brand new long password 123" }],
  },
  // Two-factor authentication acts on the caller's own account only (the session user).
  "app/settings/actions.ts#beginTwoFactorSetupAction": { scope: "user", expect: signedIn(200), args: () => [] },
  // A wrong code (or no setup started) is a 400 for a signed-in caller.
  "app/settings/actions.ts#confirmTwoFactorAction": { scope: "user", expect: signedIn(400), args: () => [{ code: "000000" }] },
  "app/settings/actions.ts#disableTwoFactorAction": { scope: "user", expect: signedIn(400), args: () => [{ code: "000000" }] },
  // Only with 2FA on (the fixture users have it off): 409, nothing changes.
  // My own username and about only (issue 15): every signed-in user sets theirs.
  "app/settings/actions.ts#updateProfileDetailsAction": {
    scope: "user",
    expect: signedIn(200),
    args: (c) => [{ username: `m_${c.unique.replace(/[^a-z0-9]/gi, "").slice(-20)}`, about: "Set by the matrix" }],
  },
  // My own privacy settings only (issue 15).
  "app/settings/actions.ts#updatePrivacyAction": { scope: "user", expect: signedIn(200), args: () => [{ about: "contacts" }] },
  // My own app settings only (issue 15).
  "app/settings/actions.ts#updateSettingsAction": { scope: "user", expect: signedIn(200), args: () => [{ enterToSend: false }] },
  "app/settings/actions.ts#setTwoFactorAfterOAuthAction": {
    scope: "user",
    expect: signedIn(409),
    args: () => [{ askAfterOAuth: true }],
  },
  // Sessions act on the caller's own sessions only: another user's (or an unknown) session id is 404.
  "app/settings/actions.ts#signOutSessionAction": { scope: "user", expect: signedIn(404), args: () => [newId()] },
  // The test double's sessions carry no session id (tokens from before session records): 400, nothing is signed out.
  "app/settings/actions.ts#signOutOtherSessionsAction": { scope: "user", expect: signedIn(400), args: () => [] },
};

/** Keys: the `kind` of lib/realtime/channels.ts ParsedChannel, authorized through POST /api/realtime/auth. */
export const CHANNELS: Record<string, ChannelEntry> = {
  // "member" asks for its own user channel; "nonMember" for someone else's.
  user: {
    scope: "user",
    expect: { anonymous: 401, nonMember: 403, member: 200 },
    channel: (c, actorId) => `private-user-${c.role === "nonMember" ? c.f.admin.id : actorId}`,
  },
  conversation: { scope: "conversation", expect: scoped(200, 403), channel: (c) => `private-conversation-${conv(c)}` },
  "conversation-presence": { scope: "conversation", expect: scoped(200, 403), channel: (c) => `presence-conversation-${conv(c)}` },
};
