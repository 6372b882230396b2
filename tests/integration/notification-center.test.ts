// The notification center (issue 16, lib/chat/notification-center/), on the real database: each
// kind — contact request, group invitation, mention, reaction — makes exactly one entry for the
// right recipient, in the cause's transaction, with safe fields only (no e-mail); none for my own
// reaction nor across a block; taking a reaction back or cancelling a request removes the entry;
// answering a request or an invitation marks it read; keyset pages; mark one / all read; nobody
// else can read or mark my entries; `notification:new` reaches the recipient's tabs live.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { setBlocked } from "@/lib/chat/blocks/operations";
import { cancelContactRequest, respondToContactRequest, sendContactRequest } from "@/lib/chat/contacts/operations";
import { createGroup } from "@/lib/chat/conversations/operations";
import { removeMember } from "@/lib/chat/group-admin/operations";
import { leaveGroup } from "@/lib/chat/members/operations";
import { respondToGroupInvitation } from "@/lib/chat/group-invitations/operations";
import { newMessageId } from "@/lib/chat/kernel/ids";
import { mentionToken } from "@/lib/chat/mentions/tokens";
import { deleteMessage, editMessage, reactToMessage } from "@/lib/chat/message-actions/operations";
import { sendMessage } from "@/lib/chat/messages/send";
import { notificationAction, type NotificationDto } from "@/lib/chat/notification-center/dto";
import { markNotificationsRead } from "@/lib/chat/notification-center/operations";
import { listNotifications, unreadNotificationCount } from "@/lib/chat/notification-center/reads";
import { setPrivacy } from "@/lib/chat/privacy/operations";
import { db } from "@/lib/db/client";
import { userChannel } from "@/lib/realtime/channels";
import { appRealtimeClients, eventData, subscribe } from "@/tests/support/app-realtime-clients";
import { makeUsers } from "@/tests/support/chat-fixtures";

afterAll(() => db.$disconnect());
const realtime = appRealtimeClients(4000);
afterEach(() => realtime.disconnectAll());

const id = () => newMessageId("postgresql");
const entriesOf = (userId: string) => db.notification.findMany({ where: { recipientId: userId }, orderBy: { createdAt: "asc" } });
const noEmailIn = (value: unknown, emails: string[]) => {
  const text = JSON.stringify(value);
  for (const email of emails) expect(text).not.toContain(email);
};

async function group(prefix: string) {
  const [ana, ben, cal] = await makeUsers(3, prefix);
  const chat = await createGroup(ana!.id, { name: `Team ${prefix}`, memberIds: [ben!.id, cal!.id] });
  return { ana: ana!, ben: ben!, cal: cal!, chat, emails: [ana!.email, ben!.email, cal!.email] };
}

describe("notification center entries", () => {
  it("a reaction to my message: one entry for me, live, with the emoji; taking it back removes it", async () => {
    const { ana, ben, cal, chat, emails } = await group("NcReact");
    const { message } = await sendMessage(ana.id, chat.id, { id: id(), body: "hello" });
    const client = await realtime.connect(ana.id);
    const channel = await subscribe(client, userChannel(ana.id));
    const live = eventData<{ notification: NotificationDto; unreadCount: number }>(channel, "notification:new");

    const reacted = await reactToMessage.run(ben.id, message.id, { emoji: "👍" });
    const event = reacted.events.find((e) => e.event === "notification:new");
    expect(event?.channels).toEqual(userChannel(ana.id));
    // Published through the after-commit step: the recipient's tab gets it.
    await reactToMessage(ben.id, message.id, { emoji: "👍", on: false });
    await reactToMessage(ben.id, message.id, { emoji: "👍" });
    const got = await live;
    expect(got.unreadCount).toBe(1);
    expect(got.notification).toMatchObject({ kind: "reaction", text: "👍", messageId: message.id, actor: { id: ben.id, name: ben.name } });
    expect(got.notification.conversation).toEqual({ id: chat.id, name: chat.name, isGroup: true });
    expect(`${ben.name} ${notificationAction(got.notification)}`).toBe(`${ben.name} reacted 👍 to your message`);
    noEmailIn(got, emails);

    const mine = await entriesOf(ana.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ kind: "reaction", actorId: ben.id, messageId: message.id, text: "👍", readAt: null });
    expect(await entriesOf(ben.id)).toEqual([]);
    expect(await entriesOf(cal.id)).toEqual([]);

    // Taken back: the entry goes, and my tabs are told.
    const off = await reactToMessage.run(ben.id, message.id, { emoji: "👍", on: false });
    expect(off.events.find((e) => e.event === "notification:removed")).toMatchObject({
      channels: userChannel(ana.id),
      payload: { ids: [mine[0]!.id], unreadCount: 0 },
    });
    expect(await entriesOf(ana.id)).toEqual([]);
  });

  it("no entry for my own reaction, nor from someone I blocked or who blocked me", async () => {
    const { ana, ben, cal, chat } = await group("NcSelf");
    const { message } = await sendMessage(ana.id, chat.id, { id: id(), body: "mine" });
    await reactToMessage(ana.id, message.id, { emoji: "❤️" });
    await setBlocked(ana.id, { userId: ben.id, blocked: true });
    await reactToMessage(ben.id, message.id, { emoji: "😂" });
    await setBlocked(cal.id, { userId: ana.id, blocked: true });
    await reactToMessage(cal.id, message.id, { emoji: "😮" });
    expect(await entriesOf(ana.id)).toEqual([]);
    // A mention across a block makes none either (the others still get theirs).
    await sendMessage(ben.id, chat.id, { id: id(), body: `${mentionToken(ana.id)} ${mentionToken(cal.id)}` });
    expect(await entriesOf(ana.id)).toEqual([]);
    expect(await entriesOf(cal.id)).toHaveLength(1);
  });

  it("a mention: one entry per mentioned member (not the sender), linking to the message; edits and deleting the message follow", async () => {
    const { ana, ben, cal, chat, emails } = await group("NcMention");
    const sent = await sendMessage.run(ben.id, chat.id, { id: id(), body: `hi ${mentionToken(ana.id)} ${mentionToken(ben.id)}` });
    const events = sent.events.filter((e) => e.event === "notification:new");
    expect(events.map((e) => e.channels)).toEqual([userChannel(ana.id)]);
    noEmailIn(events, emails);
    const page = await listNotifications(ana.id);
    expect(page.unreadCount).toBe(1);
    expect(page.items).toHaveLength(1);
    const [entry] = page.items;
    expect(entry).toMatchObject({ kind: "mention", messageId: sent.result.message.id, actor: { id: ben.id }, readAt: null });
    expect(notificationAction(entry!)).toBe(`mentioned you in ${chat.name}`);
    expect(Object.keys(entry!.actor).sort()).toEqual(["id", "image", "name"]);
    expect(await entriesOf(ben.id)).toEqual([]);
    expect(await entriesOf(cal.id)).toEqual([]);
    // An edit: the entries follow the mentions (Cal newly mentioned gets one, Ana no longer mentioned loses hers).
    const edited = await editMessage.run(ben.id, sent.result.message.id, { body: `hi ${mentionToken(cal.id)}` });
    expect(edited.events.filter((e) => e.event === "notification:new").map((e) => e.channels)).toEqual([userChannel(cal.id)]);
    expect(edited.events.find((e) => e.event === "notification:removed")).toMatchObject({
      channels: userChannel(ana.id),
      payload: { ids: [entry!.id], unreadCount: 0 },
    });
    expect(await entriesOf(ana.id)).toEqual([]);
    expect(await entriesOf(cal.id)).toHaveLength(1);
    await editMessage(ben.id, sent.result.message.id, { body: `hi ${mentionToken(cal.id)} ${mentionToken(ana.id)}` });
    expect(await entriesOf(cal.id)).toHaveLength(1);
    expect(await entriesOf(ana.id)).toHaveLength(1);
    await deleteMessage(ben.id, sent.result.message.id, { scope: "everyone" });
    expect(await entriesOf(cal.id)).toEqual([]);
    expect(await entriesOf(ana.id)).toEqual([]);
  });

  it("a contact request: one entry for the receiver; accepting marks it read; cancelling removes it", async () => {
    const [ana, ben, cal] = await makeUsers(3, "NcContact");
    const sent = await sendContactRequest.run(ana!.id, { userId: ben!.id });
    expect(sent.events.filter((e) => e.event === "notification:new").map((e) => e.channels)).toEqual([userChannel(ben!.id)]);
    noEmailIn(sent.events, [ana!.email, ben!.email]);
    const [entry] = (await listNotifications(ben!.id)).items;
    expect(entry).toMatchObject({ kind: "contact_request", contactRequestId: sent.result.id, actor: { id: ana!.id }, conversation: null });
    expect(notificationAction(entry!)).toBe("sent you a contact request");
    expect(await entriesOf(ana!.id)).toEqual([]);
    const accepted = await respondToContactRequest.run(ben!.id, { requestId: sent.result.id, accept: true });
    expect(accepted.events.find((e) => e.event === "notification:read")).toMatchObject({
      channels: userChannel(ben!.id),
      payload: { ids: [entry!.id], unreadCount: 0 },
    });
    expect((await entriesOf(ben!.id))[0]!.readAt).not.toBeNull();

    const other = await sendContactRequest(cal!.id, { userId: ben!.id });
    expect(await unreadNotificationCount(ben!.id)).toBe(1);
    await cancelContactRequest(cal!.id, { requestId: other.id });
    expect(await unreadNotificationCount(ben!.id)).toBe(0);
    expect(await entriesOf(ben!.id)).toHaveLength(1);
  });

  it("a group invitation: one entry for the invitee naming the group; declining marks it read", async () => {
    const [ana, ben, cal] = await makeUsers(3, "NcInvite");
    await setPrivacy(ben!.id, { groupAdd: "contacts" });
    const created = await createGroup.run(ana!.id, { name: "Trips", memberIds: [ben!.id, cal!.id] });
    expect(created.events.filter((e) => e.event === "notification:new").map((e) => e.channels)).toEqual([userChannel(ben!.id)]);
    const [entry] = (await listNotifications(ben!.id)).items;
    expect(entry).toMatchObject({ kind: "group_invitation", actor: { id: ana!.id }, conversation: { name: "Trips", isGroup: true } });
    expect(notificationAction(entry!)).toBe("invited you to Trips");
    await respondToGroupInvitation(ben!.id, entry!.groupInvitationId!, { accept: false });
    expect(await unreadNotificationCount(ben!.id)).toBe(0);
  });
});

describe("leaving a group", () => {
  it("drops my mentions and reactions of it (leaving or removed), not my entries of other chats", async () => {
    const { ana, ben, cal, chat } = await group("NcLeave");
    const other = await createGroup(ana.id, { name: "Other NcLeave", memberIds: [ben.id, cal.id] });
    const { message } = await sendMessage(cal.id, chat.id, { id: id(), body: "mine" });
    await reactToMessage(ben.id, message.id, { emoji: "👍" });
    await sendMessage(ben.id, chat.id, { id: id(), body: `${mentionToken(cal.id)} ${mentionToken(ana.id)}` });
    await sendMessage(ben.id, other.id, { id: id(), body: `${mentionToken(cal.id)} ${mentionToken(ana.id)}` });
    expect(await entriesOf(cal.id)).toHaveLength(3);
    const left = await leaveGroup.run(cal.id, chat.id);
    expect(left.events.find((e) => e.event === "notification:removed")).toMatchObject({
      channels: userChannel(cal.id),
      payload: { unreadCount: 1 },
    });
    expect((await entriesOf(cal.id)).map((e) => e.conversationId)).toEqual([other.id]);
    await removeMember(ana.id, other.id, { userId: cal.id });
    expect(await entriesOf(cal.id)).toEqual([]);
    expect(await entriesOf(ana.id)).toHaveLength(2); // Ana stays in both
  });
});

describe("the actor's photo", () => {
  it("follows their privacy towards the recipient: a contacts-only photo for a contact, none for anyone else", async () => {
    const { ana, ben, cal, chat } = await group("NcPhoto");
    await db.user.update({ where: { id: ben.id }, data: { image: "/api/uploads/ben.png" } });
    await setPrivacy(ben.id, { photo: "contacts" });
    await db.contact.create({ data: { ownerId: ben.id, contactId: ana.id } });
    await sendMessage(ben.id, chat.id, { id: id(), body: `${mentionToken(ana.id)} ${mentionToken(cal.id)}` });
    expect((await listNotifications(ana.id)).items[0]!.actor.image).toBe("/api/uploads/ben.png");
    expect((await listNotifications(cal.id)).items[0]!.actor.image).toBeNull();
  });
});

describe("reading and marking", () => {
  it("pages newest first by keyset, 20 a page", async () => {
    const { ana, ben, chat } = await group("NcPage");
    const { message } = await sendMessage(ana.id, chat.id, { id: id(), body: "react to me" });
    const base = Date.now() - 60_000;
    await db.notification.createMany({
      data: Array.from({ length: 45 }, (_, i) => ({
        recipientId: ana.id,
        actorId: ben.id,
        kind: "mention",
        conversationId: chat.id,
        messageId: message.id,
        // Some share a timestamp: the id breaks the tie.
        createdAt: new Date(base + Math.floor(i / 2) * 1000),
      })),
    });
    const seen: NotificationDto[] = [];
    let cursor: string | undefined;
    const sizes: number[] = [];
    do {
      const page = await listNotifications(ana.id, cursor ? { cursor } : {});
      sizes.push(page.items.length);
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(sizes).toEqual([20, 20, 5]);
    expect(new Set(seen.map((n) => n.id)).size).toBe(45);
    const order = seen.map((n) => [n.createdAt, n.id].join());
    expect(order).toEqual([...order].sort().reverse());
    await expect(listNotifications(ana.id, { cursor: "nope" })).rejects.toMatchObject({ status: 400 });
  });

  it("marks one read, then all; my other tabs are told; nobody else can read or mark my entries", async () => {
    const { ana, ben, cal, chat } = await group("NcMark");
    for (let i = 0; i < 3; i += 1) await sendMessage(ben.id, chat.id, { id: id(), body: `${mentionToken(ana.id)} ${i}` });
    const { items, unreadCount } = await listNotifications(ana.id);
    expect(unreadCount).toBe(3);

    // Someone else: the same 404 as a missing entry; their own list never holds mine.
    await expect(markNotificationsRead(cal.id, { id: items[0]!.id })).rejects.toMatchObject({ status: 404 });
    await expect(markNotificationsRead(ben.id, { id: items[0]!.id })).rejects.toMatchObject({ status: 404 });
    expect((await listNotifications(cal.id)).items).toEqual([]);
    await markNotificationsRead(cal.id, { all: true });
    expect(await unreadNotificationCount(ana.id)).toBe(3);
    await expect(markNotificationsRead(ana.id, { id: "x" })).rejects.toMatchObject({ status: 400 });
    await expect(markNotificationsRead(ana.id, {})).rejects.toMatchObject({ status: 400 });

    const one = await markNotificationsRead.run(ana.id, { id: items[0]!.id });
    expect(one.result).toEqual({ unreadCount: 2 });
    expect(one.events).toEqual([
      { channels: userChannel(ana.id), event: "notification:read", payload: { ids: [items[0]!.id], unreadCount: 2 } },
    ]);
    // Again: nothing changes, nobody is told.
    expect((await markNotificationsRead.run(ana.id, { id: items[0]!.id })).events).toEqual([]);

    const all = await markNotificationsRead.run(ana.id, { all: true });
    expect(all.result).toEqual({ unreadCount: 0 });
    expect(all.events).toEqual([{ channels: userChannel(ana.id), event: "notification:read", payload: { all: true, unreadCount: 0 } }]);
    expect((await listNotifications(ana.id)).items.every((n) => n.readAt !== null)).toBe(true);
  });

  it("the routes: my page and mark all read, only mine", async () => {
    // The authorization matrix (tests/security) calls both as every role; here the shapes.
    const { ana, ben, chat } = await group("NcRoute");
    await sendMessage(ben.id, chat.id, { id: id(), body: `${mentionToken(ana.id)} route` });
    const page = await listNotifications(ana.id, { limit: "1" });
    expect(page.items).toHaveLength(1);
    expect(page.nextCursor).toBeNull();
  });
});
