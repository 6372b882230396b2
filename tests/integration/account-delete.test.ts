// "Delete my account" (issue #17) on the real database: a wrong password (or code) changes nothing;
// a deletion scrubs the User row into a tombstone, removes sign-in methods, sessions and tokens,
// leaves groups, keeps the 1:1 history showing "Deleted account" (or deletes my messages when I
// ask), refuses a sign-in with the old password and the old session, and refuses sends to the 1:1.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import type { JWT } from "next-auth/jwt";
import { attachmentFile, attachmentsDir } from "@/lib/chat/attachments/files";
import { afterEach, describe, expect, it } from "vitest";
import { deleteAccount, requestDeleteAccountCode } from "@/lib/account/delete/operations";
import { startSession } from "@/lib/account/sessions/operations";
import { authenticate, registerUser } from "@/lib/auth/accounts";
import { getAuthOptions, liveSessionFor, type ParleyToken } from "@/lib/auth/options";
import { createGroup, startDirectConversation } from "@/lib/chat/conversations/operations";
import { getConversation } from "@/lib/chat/conversations/reads";
import { DELETED_ACCOUNT_NAME } from "@/lib/chat/kernel/access";
import { newMessageId } from "@/lib/chat/kernel/ids";
import { listMessages } from "@/lib/chat/messages/history";
import { sendMessage } from "@/lib/chat/messages/send";
import { serverEnv } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { setSessionResolverForTests } from "@/lib/http/route";
import { MemoryRateLimitStore } from "@/lib/rate-limit/limiter";
import { createUserBudgets, setUserBudgetsForTests } from "@/lib/rate-limit/user-budgets";
import type { Storage } from "@/lib/storage/storage";
import * as deleteRoute from "@/app/api/account/delete/route";
import { makeUsers } from "../support/chat-fixtures";
import { mailCode, waitForMail } from "../support/mail-server";

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
const ip = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const messageId = () => newMessageId(serverEnv().databaseProvider);

type JwtCallback = (params: { token: JWT; user?: unknown }) => Promise<JWT>;
const jwt = (params: { token: JWT; user?: unknown }) => (getAuthOptions().callbacks!.jwt as unknown as JwtCallback)(params);

afterEach(() => {
  setUserBudgetsForTests(null);
  setSessionResolverForTests(null);
});

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a failure");
}

/** A storage double that records which keys were deleted. */
function recordingStorage(): Storage & { deleted: string[] } {
  const deleted: string[] = [];
  return {
    deleted,
    put: async () => {},
    get: async () => null,
    url: (key: string) => `/api/uploads/${key}`,
    delete: async (key: string) => {
      deleted.push(key);
    },
  };
}

/** Bob (with a password and a session), Alice and Carol; a 1:1 Bob–Alice and a group of the three, with messages. */
async function world() {
  const password = `long password ${unique()}`;
  const email = `bob-${unique()}@parley.test`;
  const registered = await registerUser({ name: "Bob Deleter", email, password }, { ip: ip() });
  const bob = { id: registered.id, email, password };
  const [alice, carol] = await makeUsers(2, "Deletion");
  const { conversation: direct } = await startDirectConversation(alice!.id, bob.id);
  const group = await createGroup(bob.id, { name: `Leaving ${unique()}`, memberIds: [alice!.id, carol!.id] });
  const bobsMessage = messageId();
  await sendMessage(bob.id, direct.id, { id: bobsMessage, body: "hello from bob" });
  await sendMessage(alice!.id, direct.id, { id: messageId(), body: "hello from alice" });
  await sendMessage(bob.id, group.id, { id: messageId(), body: "bob in the group" });
  const sid = await startSession(bob.id, { userAgent: "test", ip: "203.0.113.9" });
  const token: ParleyToken = { sub: bob.id, sv: 0, sid };
  await db.account.create({ data: { userId: bob.id, type: "oauth", provider: "github", providerAccountId: `gh-${unique()}` } });
  // Bob's files: his avatar, an image his message shows, and an upload never sent.
  const tag = unique();
  const keys = { avatar: `avatars/${bob.id}/${tag}.webp`, shown: `msg-${tag}-shown.webp`, unsent: `msg-${tag}-unsent.webp` };
  await db.upload.createMany({
    data: [
      { key: keys.avatar, ownerId: bob.id, size: 10, contentType: "image/webp" },
      { key: keys.shown, ownerId: bob.id, size: 10, contentType: "image/webp", messageId: bobsMessage, conversationId: direct.id },
      { key: keys.unsent, ownerId: bob.id, size: 10, contentType: "image/webp" },
    ],
  });
  return { bob, alice: alice!, carol: carol!, direct, group, token, keys };
}

describe("delete my account", () => {
  it("refuses a wrong password and changes nothing", async () => {
    setUserBudgetsForTests(createUserBudgets(new MemoryRateLimitStore()));
    const { bob, direct, group, token } = await world();
    const error = await failure(deleteAccount(bob.id, { password: "not the password", deleteMessages: true }));
    expect(error.code).toBe("bad_request");
    expect(error.fields?.password).toEqual(["The password is not correct."]);
    const row = await db.user.findUnique({ where: { id: bob.id }, select: { name: true, email: true, deletedAt: true } });
    expect(row).toEqual({ name: "Bob Deleter", email: bob.email, deletedAt: null });
    expect(await db.message.count({ where: { senderId: bob.id } })).toBe(2);
    expect(await db.account.count({ where: { userId: bob.id } })).toBe(1);
    expect((await getConversation(bob.id, group.id)).id).toBe(group.id);
    expect((await getConversation(bob.id, direct.id)).id).toBe(direct.id);
    expect(await liveSessionFor(token)).not.toBeNull();
  });

  it("scrubs the row, ends every session, leaves groups and keeps the 1:1 as “Deleted account”", async () => {
    setUserBudgetsForTests(createUserBudgets(new MemoryRateLimitStore()));
    const { bob, alice, carol, direct, group, token, keys } = await world();
    expect(await liveSessionFor(token)).not.toBeNull();
    const files = recordingStorage();
    // A device that gets pushes, and a file picked but never sent (on disk in the attachments folder).
    await db.pushSubscription.create({
      data: { userId: bob.id, endpoint: `https://push.example/${unique()}`, p256dh: "k", auth: "a", deviceName: "Chrome on Linux" },
    });
    const pendingKey = randomUUID();
    fs.mkdirSync(attachmentsDir(), { recursive: true });
    fs.writeFileSync(attachmentFile(pendingKey), "draft");
    await db.attachment.create({
      data: { uploaderId: bob.id, name: "draft.txt", size: 5, mimeType: "text/plain", kind: "file", storageKey: pendingKey },
    });
    const result = await deleteAccount(bob.id, { password: bob.password }, files);
    expect(result).toEqual({ deleted: true, messagesDeleted: 0, groupsLeft: 1 });
    expect(await db.pushSubscription.count({ where: { userId: bob.id } })).toBe(0);
    expect(await db.attachment.count({ where: { uploaderId: bob.id } })).toBe(0);
    expect(fs.existsSync(attachmentFile(pendingKey))).toBe(false);
    // The avatar and the unsent upload go (rows and files); the image his kept message shows stays.
    expect(files.deleted.sort()).toEqual([keys.avatar, keys.unsent].sort());
    expect((await db.upload.findMany({ where: { ownerId: bob.id }, select: { key: true } })).map((u) => u.key)).toEqual([keys.shown]);

    const row = await db.user.findUnique({
      where: { id: bob.id },
      select: { name: true, email: true, image: true, hashedPassword: true, emailVerified: true, deletedAt: true },
    });
    expect(row).toMatchObject({ name: null, email: null, image: null, hashedPassword: null, emailVerified: null });
    expect(row?.deletedAt).toBeInstanceOf(Date);
    expect(await db.account.count({ where: { userId: bob.id } })).toBe(0);
    expect(await db.userSession.count({ where: { userId: bob.id } })).toBe(0);
    expect(await db.accountToken.count({ where: { userId: bob.id } })).toBe(0);

    // Groups: left (the others stay, one of them is admin now).
    const left = await getConversation(alice.id, group.id);
    expect(left.members.map((m) => m.id).sort()).toEqual([alice.id, carol.id].sort());
    expect(left.members.some((m) => m.role === "admin")).toBe(true);

    // The 1:1 stays for Alice, Bob's messages too, shown as "Deleted account" with no avatar.
    const chat = await getConversation(alice.id, direct.id);
    const shownBob = chat.members.find((m) => m.id === bob.id);
    expect(shownBob).toMatchObject({ name: DELETED_ACCOUNT_NAME, image: null });
    const page = await listMessages(alice.id, direct.id);
    const fromBob = page.messages.filter((m) => m.sender.id === bob.id);
    expect(fromBob.map((m) => m.body)).toEqual(["hello from bob"]);
    expect(fromBob[0]!.sender).toEqual({ id: bob.id, name: DELETED_ACCOUNT_NAME, image: null });
    expect(JSON.stringify(page)).not.toContain(bob.email);
    // Bob's group message stays for the group, also as "Deleted account".
    const groupPage = await listMessages(alice.id, group.id);
    expect(groupPage.messages.find((m) => m.sender.id === bob.id)?.sender.name).toBe(DELETED_ACCOUNT_NAME);

    // Nobody can send to the 1:1 any more.
    const refused = await failure(sendMessage(alice.id, direct.id, { id: messageId(), body: "are you there?" }));
    expect(refused.code).toBe("conflict");
    // Nor start a chat or a group with the deleted account: it is nobody to reach.
    expect((await failure(startDirectConversation(alice.id, bob.id))).code).toBe("not_found");
    expect((await failure(createGroup(alice.id, { name: `With a ghost ${unique()}`, memberIds: [bob.id] }))).code).toBe("bad_request");

    // The old password and the old session are refused.
    expect(await authenticate({ email: bob.email, password: bob.password })).toBeNull();
    expect(await liveSessionFor(token)).toBeNull();
    // The cookie's token is refused at its next use (NextAuth's jwt callback ends the session).
    await expect(jwt({ token: token as JWT })).rejects.toThrow(/session revoked/);
    // A second deletion finds no account.
    expect((await failure(deleteAccount(bob.id, { password: bob.password }))).code).toBe("not_found");
  });

  it("deletes my messages when I ask", async () => {
    setUserBudgetsForTests(createUserBudgets(new MemoryRateLimitStore()));
    const { bob, alice, direct, group, keys } = await world();
    const files = recordingStorage();
    const result = await deleteAccount(bob.id, { password: bob.password, deleteMessages: true }, files);
    expect(result).toMatchObject({ deleted: true, messagesDeleted: 2, groupsLeft: 1 });
    expect(files.deleted.sort()).toEqual(Object.values(keys).sort());
    expect(await db.upload.count({ where: { ownerId: bob.id } })).toBe(0);
    // What stays of mine is the group's "… left" notice that leaving wrote (issue 15), not a message I wrote.
    expect(await db.message.count({ where: { senderId: bob.id } })).toBe(1);
    expect((await listMessages(alice.id, direct.id)).messages.map((m) => m.body)).toEqual(["hello from alice"]);
    const inGroup = (await listMessages(alice.id, group.id)).messages.filter((m) => m.sender.id === bob.id);
    expect(inGroup.map((m) => m.system?.kind)).toEqual(["left"]);
  });

  it("confirms an account without a password by an e-mailed code", async () => {
    const [oauth] = await makeUsers(1, "OAuthDeleter");
    await db.user.update({ where: { id: oauth!.id }, data: { hashedPassword: null } });
    expect((await failure(deleteAccount(oauth!.id, {}))).fields?.code).toBeTruthy();
    await requestDeleteAccountCode(oauth!.id, { ip: ip() });
    const code = mailCode(await waitForMail(oauth!.email, /delete your account/));
    const wrong = code === "000000" ? "111111" : "000000";
    expect((await failure(deleteAccount(oauth!.id, { code: wrong }))).code).toBe("bad_request");
    expect(await db.user.count({ where: { id: oauth!.id, deletedAt: null } })).toBe(1);
    await deleteAccount(oauth!.id, { code });
    expect(await db.user.findUnique({ where: { id: oauth!.id }, select: { email: true } })).toEqual({ email: null });
  });

  it("POST /api/account/delete: 400 for a wrong password, 200 and deleted for the right one", async () => {
    setUserBudgetsForTests(createUserBudgets(new MemoryRateLimitStore()));
    const { bob } = await world();
    setSessionResolverForTests(async () => ({ id: bob.id, name: "Bob Deleter", image: null }));
    const post = (body: unknown) =>
      deleteRoute.POST(
        new Request("http://localhost:3000/api/account/delete", {
          method: "POST",
          headers: { "content-type": "application/json", origin: "http://localhost:3000" },
          body: JSON.stringify(body),
        }),
      );
    expect((await post({ password: "wrong one" })).status).toBe(400);
    const ok = await post({ password: bob.password });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ deleted: true });
  });
});
