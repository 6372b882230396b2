// Shared helpers of the security suites: requests as Next builds them, fixtures on the real database.
import { createECDH, randomBytes } from "node:crypto";
import { newMessageId } from "@/lib/chat/kernel/ids";
import { makeUsers } from "@/tests/support/chat-fixtures";
import { db } from "@/lib/db/client";
import { MemoryRateLimitStore } from "@/lib/rate-limit/limiter";
import { createUserBudgets } from "@/lib/rate-limit/user-budgets";

/** Per-user budgets out of the way, for suites that test something else (the budgets have their own tests). */
export const unlimitedBudgets = () =>
  createUserBudgets(new MemoryRateLimitStore(), {
    uploads: 1_000_000,
    passwordFailures: 1_000_000,
    groups: 1_000_000,
    searches: 1_000_000,
    messageSearches: 1_000_000,
  });

export const ORIGIN = "http://localhost:3000"; // NEXTAUTH_URL of the Vitest environment
export const EVIL_ORIGIN = "https://evil.example";

export type Body = { json: unknown } | { form: FormData } | { urlencoded: Record<string, string> } | { raw: string; type?: string };

export function makeRequest(method: string, path: string, body?: Body, headers: Record<string, string> = {}): Request {
  const init: RequestInit & { duplex?: string } = { method, headers: { origin: ORIGIN, ...headers } };
  const h = init.headers as Record<string, string>;
  if (body && "json" in body) {
    init.body = JSON.stringify(body.json);
    h["content-type"] ??= "application/json";
  } else if (body && "form" in body) {
    init.body = body.form;
  } else if (body && "urlencoded" in body) {
    init.body = new URLSearchParams(body.urlencoded).toString();
    h["content-type"] ??= "application/x-www-form-urlencoded";
  } else if (body && "raw" in body) {
    init.body = body.raw;
    if (body.type) h["content-type"] ??= body.type;
  }
  return new Request(`${ORIGIN}${path}`, init);
}

export const newId = (): string => newMessageId("postgresql");

export interface Fixture {
  /** Group admin (creator). */
  admin: { id: string; name: string | null; image: string | null; email: string };
  /** Plain group member. */
  member: { id: string; name: string | null; image: string | null; email: string };
  /** Signed in, but in none of the fixture's conversations. */
  outsider: { id: string; name: string | null; image: string | null; email: string };
  third: { id: string; name: string | null; image: string | null; email: string };
  groupId: string;
  /** A message of the admin in the group (for seen receipts). */
  messageId: string;
  /** With `{ image: true }`: the storage key of an image the admin sent in the group (a second message). */
  imageKey?: string;
  /** A Web Push subscription (device) of the member (issue 16). */
  pushDeviceId: string;
  /** With `{ image: true }`: an attachment (a PDF, with a poster file) the admin sent in the group, on that message (issue 14). */
  attachmentId?: string;
  /** A live call in the group (issue 18): the admin started it and is in it; member and third are ringing. */
  callId: string;
}

/** A group {admin, member, third} with one message, plus an outsider; straight into the database. */
export async function makeFixture(prefix = "Sec", options: { image?: boolean } = {}): Promise<Fixture> {
  const [admin, member, outsider, third] = await makeUsers(4, prefix);
  const now = new Date();
  const group = await db.conversation.create({
    data: {
      name: `${prefix} group`,
      isGroup: true,
      lastMessageAt: now,
      users: { connect: [admin!, member!, third!].map((u) => ({ id: u.id })) },
    },
    select: { id: true },
  });
  await db.conversationMemberState.createMany({
    data: [
      { conversationId: group.id, userId: admin!.id, role: "admin" },
      { conversationId: group.id, userId: member!.id, role: "member" },
      { conversationId: group.id, userId: third!.id, role: "member" },
    ],
  });
  const messageId = newId();
  await db.message.create({
    data: {
      id: messageId,
      body: "fixture",
      conversationId: group.id,
      senderId: admin!.id,
      createdAt: now,
      seen: { connect: { id: admin!.id } },
    },
  });
  let imageKey: string | undefined;
  let attachmentId: string | undefined;
  if (options.image) {
    // Stored like POST /api/uploads + a send: a file, its Upload record, and a message that shows it.
    const { storage } = await import("@/lib/storage/storage");
    const { tinyPng } = await import("./images");
    imageKey = `msg-${crypto.randomUUID()}.png`;
    await storage().put(imageKey, tinyPng(), "image/png");
    const imageMessageId = newId();
    await db.message.create({
      data: {
        id: imageMessageId,
        image: `/api/uploads/${imageKey}`,
        conversationId: group.id,
        senderId: admin!.id,
        createdAt: new Date(now.getTime() + 1),
      },
    });
    await db.upload.create({
      data: {
        key: imageKey,
        ownerId: admin!.id,
        size: tinyPng().length,
        contentType: "image/png",
        messageId: imageMessageId,
        conversationId: group.id,
      },
    });
    const { writeSentAttachment } = await import("./attachments");
    attachmentId = await writeSentAttachment(admin!.id, group.id, imageMessageId);
  }
  const device = await db.pushSubscription.create({
    data: {
      userId: member!.id,
      endpoint: `http://127.0.0.1:9/push/${crypto.randomUUID()}`,
      p256dh: pushTestKeys.p256dh,
      auth: pushTestKeys.auth,
      deviceName: "Fixture device",
    },
    select: { id: true },
  });
  const call = await db.call.create({
    data: {
      conversationId: group.id,
      callerId: admin!.id,
      type: "voice",
      status: "ringing",
      activeKey: group.id,
      participants: {
        create: [
          { userId: admin!.id, status: "joined", busyKey: admin!.id, joinedAt: now, lastSeenAt: now },
          { userId: member!.id, status: "ringing" },
          { userId: third!.id, status: "ringing" },
        ],
      },
    },
    select: { id: true },
  });
  return {
    admin: admin!,
    member: member!,
    outsider: outsider!,
    third: third!,
    groupId: group.id,
    messageId,
    imageKey,
    pushDeviceId: device.id,
    attachmentId,
    callId: call.id,
  };
}

/** Valid Web Push subscription keys (a P-256 public key and 16 auth bytes) for fixtures and bodies. */
export const pushTestKeys = (() => {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  return { p256dh: ecdh.getPublicKey().toString("base64url"), auth: randomBytes(16).toString("base64url") };
})();
