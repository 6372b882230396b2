// The group icon and "added by" (issue 15, lib/chat/group-admin/icon.ts), on the real embedded
// database and a real local disk: who may set and remove the icon (adminsOnlyInfo), the avatar
// pipeline's re-encode (a 256×256 WebP whatever was sent), refusals that write nothing (a wrong
// type, a file too big), serving to members only (and through a usable invite link), the old file
// removed when replaced, removed and when the group goes, the system messages and their
// conversation:update, and who added each member on every path (creation, add, invite link,
// accepted invitation).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { deleteAccount } from "@/lib/account/delete/operations";
import { hashPassword } from "@/lib/auth/password";
import { createGroup } from "@/lib/chat/conversations/operations";
import { getConversation } from "@/lib/chat/conversations/reads";
import { systemText, type SystemEvent } from "@/lib/chat/group-admin/dto";
import { setGroupIcon } from "@/lib/chat/group-admin/icon";
import { createInvite, inviteIcon, joinByInvite, previewInvite, revokeInvite } from "@/lib/chat/group-admin/invites";
import { addMembers, deleteGroup, updateGroupSettings } from "@/lib/chat/group-admin/operations";
import { groupInfo } from "@/lib/chat/group-admin/reads";
import { respondToGroupInvitation } from "@/lib/chat/group-invitations/operations";
import { leaveGroup } from "@/lib/chat/members/operations";
import { listMessages } from "@/lib/chat/messages/history";
import { setPrivacy } from "@/lib/chat/privacy/operations";
import { readUpload } from "@/lib/chat/uploads/access";
import { db } from "@/lib/db/client";
import { userChannel } from "@/lib/realtime/channels";
import { EVENTS } from "@/lib/realtime/events";
import { LocalDiskStorage } from "@/lib/storage/storage";
import { appRealtimeClients, eventData, subscribe } from "@/tests/support/app-realtime-clients";
import { makeUsers } from "@/tests/support/chat-fixtures";

// The default storage (used by deleteGroup and leaveGroup, which remove the icon) is created on
// first use: point it at a directory of this file's own before any test runs.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-group-icon-"));
process.env.PARLEY_DATA_DIR = dataDir;
const files = new LocalDiskStorage(path.join(dataDir, "uploads"));
const realtime = appRealtimeClients();
afterEach(() => realtime.disconnectAll());
afterAll(async () => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  await db.$disconnect();
});

const png = (side = 600, background = "#c33") =>
  sharp({ create: { width: side, height: Math.round(side / 2), channels: 3, background } })
    .png()
    .toBuffer()
    .then((buffer) => new Uint8Array(buffer));
const keyOf = (url: string | null | undefined) => url!.replace(/^\/api\/uploads\//, "");
const exists = (key: string) => fs.existsSync(path.join(dataDir, "uploads", key));

async function group(prefix: string) {
  const [ana, ben, cal, dee] = await makeUsers(4, prefix);
  const summary = await createGroup(ana!.id, { name: `${prefix} group`, memberIds: [ben!.id, cal!.id] });
  return { ana: ana!, ben: ben!, cal: cal!, dee: dee!, groupId: summary.id };
}

async function notices(viewerId: string, groupId: string): Promise<string[]> {
  const page = await listMessages(viewerId, groupId);
  return page.messages
    .filter((m) => m.system)
    .reverse()
    .map((m) => systemText(m.system as SystemEvent, m.sender, viewerId));
}

describe("group icon", () => {
  it("an admin sets a re-encoded icon that members see and nobody else can fetch", async () => {
    const { ana, ben, cal, dee, groupId } = await group("IconSet");
    const outcome = await setGroupIcon.run(ana.id, groupId, { icon: await png() }, files);
    expect(outcome.result.icon).toMatch(new RegExp(`^/api/uploads/group-icons/${groupId}/[a-f0-9]{32}\\.webp$`));
    const key = keyOf(outcome.result.icon);
    expect(exists(key)).toBe(true);

    // Re-encoded: a 256×256 WebP, whatever was sent.
    const served = await readUpload(ben.id, key, files);
    expect(served.contentType).toBe("image/webp");
    const meta = await sharp(Buffer.from(served.bytes)).metadata();
    expect(meta).toMatchObject({ format: "webp", width: 256, height: 256 });
    expect(meta.exif).toBeUndefined();

    // The summary and the info panel carry it; a non-member gets the 404 of a missing file.
    expect((await getConversation(ben.id, groupId)).icon).toBe(outcome.result.icon);
    expect((await groupInfo(ben.id, groupId)).icon).toBe(outcome.result.icon);
    await expect(readUpload(dee.id, key, files)).rejects.toMatchObject({ code: "not_found" });
    await expect(readUpload(null, key, files)).rejects.toMatchObject({ code: "not_found" });

    // "Ana changed the group icon", and a conversation:update to every member (their list and header re-read it).
    expect(await notices(ben.id, groupId)).toContain(`${ana.name} changed the group icon`);
    const update = outcome.events.find((e) => e.event === EVENTS.conversationUpdate);
    expect([update?.channels].flat().sort()).toEqual([ana.id, ben.id, cal.id].map(userChannel).sort());
    expect(outcome.events.some((e) => e.event === EVENTS.messageNew)).toBe(true);
  });

  it("reaches another member live: conversation:update on their user channel, then the summary has the icon", async () => {
    const { ana, ben, groupId } = await group("IconLive");
    const benClient = await realtime.connect(ben.id);
    const inbox = await subscribe(benClient, userChannel(ben.id));
    const update = eventData<{ id: string; memberIds?: string[] }>(inbox, EVENTS.conversationUpdate);
    const { icon } = await setGroupIcon(ana.id, groupId, { icon: await png(64) }, files);
    const payload = await update;
    expect(payload.id).toBe(groupId);
    expect(payload.memberIds).toContain(ben.id); // the client reads the summary again on memberIds
    expect((await getConversation(ben.id, groupId)).icon).toBe(icon);
  });

  it("adminsOnlyInfo refuses a plain member; otherwise any member may change it", async () => {
    const { ana, ben, groupId } = await group("IconRule");
    await setGroupIcon(ben.id, groupId, { icon: await png(64) }, files);
    expect((await getConversation(ana.id, groupId)).icon).toBeTruthy();
    await updateGroupSettings(ana.id, groupId, { adminsOnlyInfo: true });
    const before = await db.upload.count({ where: { ownerId: ben.id } });
    await expect(setGroupIcon(ben.id, groupId, { icon: await png(64) }, files)).rejects.toMatchObject({ code: "forbidden", status: 403 });
    await expect(setGroupIcon(ben.id, groupId, { remove: true }, files)).rejects.toMatchObject({ code: "forbidden" });
    expect(await db.upload.count({ where: { ownerId: ben.id } })).toBe(before);
  });

  it("refuses a file that is not an image or too big, and a non-member, writing nothing", async () => {
    const { ana, dee, groupId } = await group("IconBad");
    const count = () => db.upload.count({ where: { ownerId: ana.id } });
    const messages = async () => (await listMessages(ana.id, groupId)).messages.length;
    const [uploadsBefore, messagesBefore] = [await count(), await messages()];
    await expect(setGroupIcon(ana.id, groupId, { icon: new TextEncoder().encode("<svg onload=alert(1)>") }, files)).rejects.toMatchObject({
      status: 415,
    });
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    await expect(setGroupIcon(ana.id, groupId, { icon: big }, files)).rejects.toMatchObject({ status: 413 });
    // A PNG header over garbage: sniffed as PNG, refused by the decoder.
    const fake = new Uint8Array(64);
    fake.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    await expect(setGroupIcon(ana.id, groupId, { icon: fake }, files)).rejects.toMatchObject({ status: 415 });
    await expect(setGroupIcon(ana.id, groupId, {}, files)).rejects.toMatchObject({ status: 400 });
    await expect(setGroupIcon(dee.id, groupId, { icon: await png(64) }, files)).rejects.toMatchObject({ code: "not_found" });
    expect(await count()).toBe(uploadsBefore);
    expect(await messages()).toBe(messagesBefore);
    expect((await getConversation(ana.id, groupId)).icon).toBeNull();
    expect(fs.existsSync(path.join(dataDir, "uploads", "group-icons", groupId))).toBe(false);
  });

  it("deletes the old file when the icon is replaced or removed, and with the group", async () => {
    const { ana, ben, groupId } = await group("IconReplace");
    const first = keyOf((await setGroupIcon(ana.id, groupId, { icon: await png(64, "#111") }, files)).icon);
    const second = keyOf((await setGroupIcon(ben.id, groupId, { icon: await png(64, "#eee") }, files)).icon);
    expect(second).not.toBe(first);
    expect(exists(first)).toBe(false);
    expect(await db.upload.count({ where: { key: first } })).toBe(0);
    expect(exists(second)).toBe(true);
    // The old key is no icon any more: not served, even to members.
    await expect(readUpload(ana.id, first, files)).rejects.toMatchObject({ code: "not_found" });

    expect(await setGroupIcon(ana.id, groupId, { remove: true }, files)).toEqual({ icon: null });
    expect(exists(second)).toBe(false);
    expect((await getConversation(ben.id, groupId)).icon).toBeNull();
    expect(await notices(ben.id, groupId)).toEqual(
      expect.arrayContaining([`${ana.name} changed the group icon`, "You changed the group icon", `${ana.name} removed the group icon`]),
    );

    const third = keyOf((await setGroupIcon(ana.id, groupId, { icon: await png(64) }, files)).icon);
    await deleteGroup(ana.id, groupId);
    expect(exists(third)).toBe(false);
    expect(await db.upload.count({ where: { key: third } })).toBe(0);
  });

  it("removes the icon when the last member leaves and the group goes", async () => {
    const { ana, ben, cal, groupId } = await group("IconLast");
    const key = keyOf((await setGroupIcon(ana.id, groupId, { icon: await png(64) }, files)).icon);
    await leaveGroup(ben.id, groupId);
    await leaveGroup(cal.id, groupId);
    expect(exists(key)).toBe(true);
    await leaveGroup(ana.id, groupId);
    expect(exists(key)).toBe(false);
  });

  it("stays with the group when the member who uploaded it deletes their account", async () => {
    const { ana, ben, groupId } = await group("IconOwner");
    const key = keyOf((await setGroupIcon(ben.id, groupId, { icon: await png(64) }, files)).icon);
    const password = "a long enough password 123";
    await db.user.update({ where: { id: ben.id }, data: { hashedPassword: await hashPassword(password) } });
    await deleteAccount(ben.id, { password, deleteMessages: true }, files);
    expect(exists(key)).toBe(true);
    expect(await db.upload.count({ where: { key } })).toBe(1);
    await expect(readUpload(ana.id, key, files)).resolves.toMatchObject({ contentType: "image/webp" });
  });

  it("an invite link's preview shows the icon while the link is usable", async () => {
    const { ana, dee, groupId } = await group("IconInvite");
    const { token } = await createInvite(ana.id, groupId, {});
    expect((await previewInvite(dee.id, token)).icon).toBeNull();
    await expect(inviteIcon(dee.id, token, files)).rejects.toMatchObject({ code: "not_found" });
    await setGroupIcon(ana.id, groupId, { icon: await png(64) }, files);
    expect((await previewInvite(dee.id, token)).icon).toBe(`/api/invites/${token}/icon`);
    expect((await inviteIcon(dee.id, token, files)).contentType).toBe("image/webp");
    await expect(inviteIcon(dee.id, "not-a-real-invite-token-at-all", files)).rejects.toMatchObject({ code: "not_found" });
    await revokeInvite(ana.id, groupId, (await db.groupInvite.findUniqueOrThrow({ where: { token } })).id);
    await expect(inviteIcon(dee.id, token, files)).rejects.toMatchObject({ code: "not_found" });
    // A member still sees it through a revoked link (the preview opens the chat for them).
    await expect(inviteIcon(ana.id, token, files)).resolves.toMatchObject({ contentType: "image/webp" });
  });
});

describe("added by", () => {
  it("records who added each member on every path and shows it in the group info", async () => {
    const { ana, ben, cal, dee, groupId } = await group("AddedBy");
    const [eve, fay] = await makeUsers(2, "AddedByMore");
    // Ben adds Dee (members may add once allowed).
    await updateGroupSettings(ana.id, groupId, { membersCanAdd: true });
    await addMembers(ben.id, groupId, { userIds: [dee.id] });
    // Eve joins by an invite link: nobody added her.
    const { token } = await createInvite(ana.id, groupId, {});
    await joinByInvite(eve!.id, token);
    // Fay accepts Cal's invitation ("who can add me" on contacts).
    await setPrivacy(fay!.id, { groupAdd: "contacts" });
    const added = await addMembers(cal.id, groupId, { userIds: [fay!.id] });
    expect(added.invited?.map((p) => p.id)).toEqual([fay!.id]);
    const invitation = await db.groupInvitation.findFirstOrThrow({ where: { conversationId: groupId, inviteeId: fay!.id } });
    await respondToGroupInvitation(fay!.id, invitation.id, { accept: true });

    const info = await groupInfo(dee.id, groupId);
    const addedBy = Object.fromEntries(info.members.map((m) => [m.id, m.addedBy?.id ?? null]));
    expect(addedBy).toEqual({
      [ana.id]: null,
      [ben.id]: ana.id,
      [cal.id]: ana.id,
      [dee.id]: ben.id,
      [eve!.id]: null,
      [fay!.id]: cal.id,
    });
    expect(info.members.find((m) => m.id === ana.id)?.creator).toBe(true);
    expect(info.createdBy?.id).toBe(ana.id);
    for (const member of info.members) expect(Number.isNaN(Date.parse(member.joinedAt))).toBe(false);
    expect(info.members.find((m) => m.id === ben.id)?.addedBy).toEqual({ id: ana.id, name: ana.name, image: null });
  });
});
