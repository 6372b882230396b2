// Privacy settings (issue 15, lib/chat/privacy/), on the real database: who sees my last seen &
// online, my photo, my about — everyone / my contacts / nobody — enforced in every read that returns
// them (chat summaries, people search, contacts) and in presence (channel authorization and its
// user_info); a change tells the people who know me and ends my realtime connections when "last
// seen & online" changed.
import { afterAll, describe, expect, it } from "vitest";
import { respondToContactRequest, sendContactRequest } from "@/lib/chat/contacts/operations";
import { contactsOverview } from "@/lib/chat/contacts/reads";
import { createGroup, startDirectConversation } from "@/lib/chat/conversations/operations";
import { getConversation, listConversations } from "@/lib/chat/conversations/reads";
import { newMessageId } from "@/lib/chat/kernel/ids";
import { listMessages } from "@/lib/chat/messages/history";
import { sendMessage } from "@/lib/chat/messages/send";
import { searchUsers } from "@/lib/chat/people/search";
import { markAllSeen } from "@/lib/chat/receipts/operations";
import { searchMessagesVia } from "@/lib/chat/search/reads";
import { getPrivacy, setPrivacy } from "@/lib/chat/privacy/operations";
import { db } from "@/lib/db/client";
import { conversationPresenceChannel, userChannel } from "@/lib/realtime/channels";
import { authorizeChannel, presenceInfo } from "@/lib/realtime/authorize";
import { makeUsers } from "@/tests/support/chat-fixtures";

afterAll(() => db.$disconnect());

const IMAGE = "/api/uploads/privacy-avatar.webp";

async function setup(prefix: string) {
  const [me, friend, stranger] = await makeUsers(3, prefix);
  const username = `${prefix.toLowerCase()}_${me!.id.replace(/-/g, "").slice(-12)}`;
  await db.user.update({ where: { id: me!.id }, data: { image: IMAGE, about: "Private person", username } });
  await db.userActivity.create({ data: { userId: me!.id, lastActiveAt: new Date() } });
  // friend is my contact; stranger only shares a group with me.
  const { id } = await sendContactRequest(me!.id, { userId: friend!.id });
  await respondToContactRequest(friend!.id, { requestId: id, accept: true });
  const { conversation: direct } = await startDirectConversation(friend!.id, me!.id);
  const group = await createGroup(stranger!.id, { name: `${prefix} group`, memberIds: [me!.id, friend!.id] });
  return { me: me!, friend: friend!, stranger: stranger!, username, directId: direct.id, groupId: group.id };
}

const meIn = async (viewerId: string, conversationId: string, meId: string) =>
  (await getConversation(viewerId, conversationId)).members.find((m) => m.id === meId)!;
const presence = (userId: string, conversationId: string) =>
  authorizeChannel(userId, { socket_id: "123.456", channel_name: conversationPresenceChannel(conversationId) });

describe("privacy settings", () => {
  it("default to everyone; accept only everyone / contacts / nobody", async () => {
    const [me] = await makeUsers(1, "PrivDefault");
    const rest = { readReceipts: true, groupAdd: "everyone" };
    expect(await getPrivacy(me!.id)).toEqual({ lastSeen: "everyone", photo: "everyone", about: "everyone", ...rest });
    await expect(setPrivacy(me!.id, { lastSeen: "friends" })).rejects.toMatchObject({ code: "bad_request", status: 400 });
    expect(await setPrivacy(me!.id, { about: "contacts" })).toEqual({
      lastSeen: "everyone",
      photo: "everyone",
      about: "contacts",
      ...rest,
    });
    expect(await getPrivacy(me!.id)).toEqual({ lastSeen: "everyone", photo: "everyone", about: "contacts", ...rest });
  });

  it('"nobody" hides my last seen and photo in every chat summary and my photo and about in search and contacts', async () => {
    const { me, friend, stranger, username, directId, groupId } = await setup("PrivNobody");
    expect(await meIn(stranger.id, groupId, me.id)).toMatchObject({ image: IMAGE, lastActiveAt: expect.any(String) });
    await setPrivacy(me.id, { lastSeen: "nobody", photo: "nobody", about: "nobody" });
    for (const [viewer, conversationId] of [
      [stranger.id, groupId],
      [friend.id, groupId],
      [friend.id, directId],
    ] as const) {
      expect(await meIn(viewer, conversationId, me.id)).toMatchObject({ image: null, lastActiveAt: null });
    }
    const listed = (await listConversations(friend.id)).conversations.find((c) => c.id === directId)!;
    expect(listed.members.find((m) => m.id === me.id)).toMatchObject({ image: null, lastActiveAt: null });
    expect((await searchUsers(stranger.id, { query: `@${username}` }))[0]).toMatchObject({ id: me.id, image: null, about: null, username });
    expect((await contactsOverview(friend.id)).contacts.find((c) => c.id === me.id)).toMatchObject({ image: null, about: null });
    // I still see my own.
    expect(await meIn(me.id, groupId, me.id)).toMatchObject({ image: IMAGE, lastActiveAt: expect.any(String) });
  });

  it('"contacts" shows them to my contacts only', async () => {
    const { me, friend, stranger, username, groupId } = await setup("PrivContacts");
    await setPrivacy(me.id, { lastSeen: "contacts", photo: "contacts", about: "contacts" });
    expect(await meIn(friend.id, groupId, me.id)).toMatchObject({ image: IMAGE, lastActiveAt: expect.any(String) });
    expect(await meIn(stranger.id, groupId, me.id)).toMatchObject({ image: null, lastActiveAt: null });
    expect((await searchUsers(friend.id, { query: `@${username}` }))[0]).toMatchObject({ image: IMAGE, about: "Private person" });
    expect((await searchUsers(stranger.id, { query: `@${username}` }))[0]).toMatchObject({ image: null, about: null });
  });

  it("a message (its send, history page, search hit and seen-by) carries my photo only when everyone may see it; my contact gets it from the chat summary", async () => {
    const { me, friend, stranger, groupId } = await setup("PrivPhotoMsg");
    const sent = await sendMessage(me.id, groupId, { id: newMessageId("postgresql"), body: "photo privacy words" });
    expect(sent.message.sender.image).toBe(IMAGE);
    await setPrivacy(me.id, { photo: "contacts" });
    const again = await sendMessage(me.id, groupId, { id: newMessageId("postgresql"), body: "photo privacy again" });
    // The send's answer is what the realtime event carries to every member.
    expect(again.message.sender.image).toBeNull();
    await markAllSeen(stranger.id, groupId, new Date());
    for (const viewer of [friend.id, stranger.id]) {
      const page = await listMessages(viewer, groupId);
      expect(page.messages.map((m) => m.sender.image)).toEqual([null, null]);
    }
    const { messages } = await listMessages(me.id, groupId);
    expect(messages[0]!.seenBy.find((u) => u.id === me.id)?.image).toBeNull();
    for (const path of ["sql", "prisma"] as const) {
      const hits = await searchMessagesVia(path, stranger.id, { q: "photo privacy", conversationId: groupId });
      expect(hits.hits.map((hit) => hit.message.sender.image)).toEqual([null, null]);
    }
    // The per-reader summary still shows it to my contact.
    expect(await meIn(friend.id, groupId, me.id)).toMatchObject({ image: IMAGE });
    expect(await meIn(stranger.id, groupId, me.id)).toMatchObject({ image: null });
  });

  it("presence: refused where a member may not see me online; contacts-only is granted in a chat of contacts only", async () => {
    const { me, friend, directId, groupId } = await setup("PrivPresence");
    await expect(presence(me.id, groupId)).resolves.toBeTruthy();
    await setPrivacy(me.id, { lastSeen: "contacts" });
    await expect(presence(me.id, directId)).resolves.toBeTruthy(); // friend is my contact
    await expect(presence(me.id, groupId)).rejects.toMatchObject({ code: "forbidden" }); // the stranger is not
    await setPrivacy(me.id, { lastSeen: "nobody" });
    await expect(presence(me.id, directId)).rejects.toMatchObject({ code: "forbidden" });
    // Others are not affected by my setting.
    await expect(presence(friend.id, directId)).resolves.toBeTruthy();
    await setPrivacy(me.id, { lastSeen: "everyone" });
    await expect(presence(me.id, groupId)).resolves.toBeTruthy();
  });

  it("presence user_info carries my photo only when everyone may see it", async () => {
    const { me } = await setup("PrivInfo");
    expect((await presenceInfo(me.id)).image).toBe(IMAGE);
    await setPrivacy(me.id, { photo: "contacts" });
    expect(await presenceInfo(me.id)).toEqual({ name: expect.any(String), image: null });
  });

  it("a change tells everyone who knows me and, for last seen, ends my connections; no change tells nobody", async () => {
    const { me, friend, stranger } = await setup("PrivEvent");
    const [outsider] = await makeUsers(1, "PrivOutsider");
    const changed = await setPrivacy.run(me.id, { lastSeen: "nobody" });
    const channels = changed.events.flatMap((e) => (Array.isArray(e.channels) ? e.channels : [e.channels]));
    expect(changed.events.every((e) => e.event === "privacy:changed" && (e.payload as { userId: string }).userId === me.id)).toBe(true);
    expect(channels.sort()).toEqual([userChannel(friend.id), userChannel(stranger.id)].sort());
    expect(channels).not.toContain(userChannel(outsider!.id));
    expect(changed.effects).toEqual({ endRealtimeAccessOf: [me.id] });
    const photoOnly = await setPrivacy.run(me.id, { photo: "contacts" });
    expect(photoOnly.events.length).toBeGreaterThan(0);
    expect(photoOnly.effects).toBeUndefined();
    const same = await setPrivacy.run(me.id, { photo: "contacts" });
    expect(same.events).toEqual([]);
  });

  it("cascades with its user", async () => {
    const [me] = await makeUsers(1, "PrivCascade");
    await setPrivacy(me!.id, { about: "nobody" });
    await db.user.delete({ where: { id: me!.id } });
    expect(await db.privacySetting.count({ where: { userId: me!.id } })).toBe(0);
  });
});
