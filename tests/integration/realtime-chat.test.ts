// Realtime end to end: the chat domain publishes through the `pusher` lib to the Pusher-protocol
// server of the global setup; two real pusher-js clients authorize through the real
// authorizeChannel domain function (as /api/realtime/auth does).
import { createHmac } from "node:crypto";
import PusherJs, { type Channel, type PresenceChannel } from "pusher-js";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createGroup, startDirectConversation } from "@/lib/chat/conversations/operations";
import type { MessageDto } from "@/lib/chat/messages/dto";
import { newMessageId } from "@/lib/chat/kernel/ids";
import { listMessages } from "@/lib/chat/messages/history";
import { markSeen } from "@/lib/chat/receipts/operations";
import { sendMessage } from "@/lib/chat/messages/send";
import { appRealtimeClients, eventData, subscribe, waitFor } from "@/tests/support/app-realtime-clients";
import { makeUsers } from "@/tests/support/chat-fixtures";
import { db } from "@/lib/db/client";
import { authorizeChannel } from "@/lib/realtime/authorize";
import { conversationChannel, conversationPresenceChannel, userChannel } from "@/lib/realtime/channels";
import { watchForResync } from "@/lib/realtime/client";
import { realtimeClientConfig } from "@/lib/realtime/config";
import { EVENTS, parseEvent } from "@/lib/realtime/events";
import { mergeMessages, resync } from "@/lib/realtime/resync";

const realtime = appRealtimeClients(4000);
const connect = realtime.connect;
afterEach(() => realtime.disconnectAll());
afterAll(() => db.$disconnect());

function refusal(client: PusherJs, name: string): Promise<{ type?: string; status?: number; error?: string }> {
  const channel = client.subscribe(name);
  return waitFor(`refusal of ${name}`, (resolve) => {
    channel.bind("pusher:subscription_succeeded", () => resolve({ type: "UNEXPECTED SUCCESS" }));
    channel.bind("pusher:subscription_error", (error: { type?: string; status?: number; error?: string }) => resolve(error));
  });
}

const nextEvent = <T>(channel: Channel, event: string): Promise<T> => eventData<T>(channel, event, 4000);

const send = (actorId: string, conversationId: string, body: string) =>
  sendMessage(actorId, conversationId, { id: newMessageId("postgresql"), body });

describe("conversation channel", () => {
  it("delivers message:new and message:seen to a member, with payloads valid for the shared schema", async () => {
    const [alice, bob] = await makeUsers(2, "Rt");
    const { conversation } = await startDirectConversation(alice!.id, bob!.id);
    const bobClient = await connect(bob!.id);
    const channel = await subscribe(bobClient, conversationChannel(conversation.id));
    const bobInbox = await subscribe(bobClient, userChannel(bob!.id));

    const arriving = nextEvent<unknown>(channel, EVENTS.messageNew);
    const sidebar = nextEvent<unknown>(bobInbox, EVENTS.conversationUpdate);
    const { message } = await send(alice!.id, conversation.id, "ping");
    const event = parseEvent(EVENTS.messageNew, await arriving);
    expect(event).toEqual(message);
    expect(parseEvent(EVENTS.conversationUpdate, await sidebar)).toMatchObject({
      id: conversation.id,
      lastMessage: { id: message.id, body: "ping" },
    });

    const aliceClient = await connect(alice!.id);
    const aliceChannel = await subscribe(aliceClient, conversationChannel(conversation.id));
    const seen = nextEvent<unknown>(aliceChannel, EVENTS.messageSeen);
    await markSeen(bob!.id, conversation.id, { messageId: message.id });
    expect(parseEvent(EVENTS.messageSeen, await seen)).toEqual({
      conversationId: conversation.id,
      user: { id: bob!.id, name: bob!.name, image: null },
      upTo: { id: message.id, createdAt: message.createdAt },
    });
  });

  it("refuses a non-member's subscription and delivers nothing to them", async () => {
    const [alice, bob, mallory] = await makeUsers(3, "RtDeny");
    const { conversation } = await startDirectConversation(alice!.id, bob!.id);
    const malloryClient = await connect(mallory!.id);
    await expect(
      authorizeChannel(mallory!.id, { socket_id: "1.2", channel_name: conversationChannel(conversation.id) }),
    ).rejects.toMatchObject({
      code: "forbidden",
      status: 403,
    });
    const error = await refusal(malloryClient, conversationChannel(conversation.id));
    expect(error.type).toBe("AuthError");
    const presenceError = await refusal(malloryClient, conversationPresenceChannel(conversation.id));
    expect(presenceError.type).toBe("AuthError");
    const otherUser = await refusal(malloryClient, userChannel(alice!.id));
    expect(otherUser.type).toBe("AuthError");

    const received: string[] = [];
    malloryClient.bind_global((event: string) => received.push(event));
    const bobClient = await connect(bob!.id);
    const channel = await subscribe(bobClient, conversationChannel(conversation.id));
    const delivered = nextEvent(channel, EVENTS.messageNew);
    await send(alice!.id, conversation.id, "secret");
    await delivered;
    expect(received.filter((e) => e.startsWith("message:"))).toEqual([]);
  });

  it("refuses forged signatures: a wrong secret, and a valid signature replayed for another socket", async () => {
    const [alice, bob] = await makeUsers(2, "RtForge");
    const { conversation } = await startDirectConversation(alice!.id, bob!.id);
    const name = conversationChannel(conversation.id);
    const key = realtimeClientConfig().key;
    const forger = await connect(bob!.id, async (socketId, channelName) => ({
      auth: `${key}:${createHmac("sha256", "not-the-secret").update(`${socketId}:${channelName}`).digest("hex")}`,
    }));
    expect((await refusal(forger, name)).status).toBe(401);

    const legit = await authorizeChannel(bob!.id, { socket_id: "123.456", channel_name: name });
    const replayer = await connect(bob!.id, async () => legit);
    expect((await refusal(replayer, name)).status).toBe(401);

    const noAuth = await connect(bob!.id, async () => ({ auth: "" }));
    expect((await refusal(noAuth, name)).status).toBe(401);
  });

  it("refuses channel names Parley does not use and malformed socket ids", async () => {
    const [alice] = await makeUsers(1, "RtNames");
    for (const channel_name of ["public-lobby", "private-conversation-not-an-id", "presence-global", `private-user-${alice!.id}x`]) {
      await expect(authorizeChannel(alice!.id, { socket_id: "1.2", channel_name })).rejects.toMatchObject({ code: "forbidden" });
    }
    await expect(authorizeChannel(alice!.id, { socket_id: "abc", channel_name: userChannel(alice!.id) })).rejects.toMatchObject({
      code: "bad_request",
    });
    await expect(authorizeChannel(alice!.id, { socket_id: "1.2", channel_name: userChannel(alice!.id) })).resolves.toHaveProperty("auth");
  });
});

describe("user channel and presence", () => {
  it("tells each member about a new group on their own channel", async () => {
    const [alice, bob, carol] = await makeUsers(3, "RtGroup");
    const bobClient = await connect(bob!.id);
    const inbox = await subscribe(bobClient, userChannel(bob!.id));
    const created = nextEvent<unknown>(inbox, EVENTS.conversationNew);
    const group = await createGroup(alice!.id, { name: "Crew", memberIds: [bob!.id, carol!.id] });
    const event = parseEvent(EVENTS.conversationNew, await created);
    expect(event).toMatchObject({ id: group.id, name: "Crew", isGroup: true });
    expect(event!.memberIds.sort()).toEqual([alice!.id, bob!.id, carol!.id].sort());
  });

  it("shows online members of a shared conversation and relays throttled typing with the sender's id", async () => {
    const [alice, bob] = await makeUsers(2, "RtPresence");
    const { conversation } = await startDirectConversation(alice!.id, bob!.id);
    const name = conversationPresenceChannel(conversation.id);
    const aliceClient = await connect(alice!.id);
    const alicePresence = await subscribe<PresenceChannel>(aliceClient, name);
    const joined = nextEvent<{ id: string; info: { name: string } }>(alicePresence, "pusher:member_added");
    const bobClient = await connect(bob!.id);
    const bobPresence = await subscribe<PresenceChannel>(bobClient, name);
    expect((await joined).id).toBe(bob!.id);
    expect((await joined).info.name).toBe(bob!.name);
    expect(Object.keys(bobPresence.members.members as object).sort()).toEqual([alice!.id, bob!.id].sort());

    const typing = waitFor<{ data: unknown; userId?: string }>("typing", (resolve) =>
      alicePresence.bind(EVENTS.typing, (data: unknown, meta: { user_id?: string }) => resolve({ data, userId: meta?.user_id })),
    );
    bobPresence.trigger(EVENTS.typing, { typing: true });
    const received = await typing;
    expect(parseEvent(EVENTS.typing, received.data)).toEqual({ typing: true });
    expect(received.userId).toBe(bob!.id);
  });
});

describe("reconnect and resync", () => {
  it("yields every message exactly once after missing events while disconnected", async () => {
    const [alice, bob] = await makeUsers(2, "RtResync");
    const { conversation } = await startDirectConversation(alice!.id, bob!.id);
    for (const body of ["a1", "a2"]) await send(alice!.id, conversation.id, body);

    const bobClient = await connect(bob!.id);
    let held: MessageDto[] = (await listMessages(bob!.id, conversation.id)).messages;
    const channel = await subscribe(bobClient, conversationChannel(conversation.id));
    channel.bind(EVENTS.messageNew, (data: unknown) => {
      const message = parseEvent(EVENTS.messageNew, data);
      if (message) held = mergeMessages(held, [message]);
    });
    const fetchPage = (after: string | null) => listMessages(bob!.id, conversation.id, after ? { after } : {});
    const resyncs: Promise<void>[] = [];
    watchForResync(bobClient.connection, () => {
      resyncs.push(resync(held, fetchPage).then((result) => void (held = mergeMessages(held, result.messages))));
    });

    const live = nextEvent(channel, EVENTS.messageNew);
    await send(alice!.id, conversation.id, "live");
    await live;

    bobClient.disconnect();
    await waitFor("disconnected", (resolve) => {
      if (bobClient.connection.state === "disconnected") resolve(undefined);
      else bobClient.connection.bind("disconnected", () => resolve(undefined));
    });
    for (let i = 0; i < 55; i += 1) await send(alice!.id, conversation.id, `missed ${i}`);

    bobClient.connect();
    const resubscribed = waitFor("resubscribed", (resolve) => channel.bind("pusher:subscription_succeeded", () => resolve(undefined)));
    await resubscribed;
    const afterReconnect = nextEvent(channel, EVENTS.messageNew);
    await send(alice!.id, conversation.id, "after reconnect");
    await afterReconnect;
    expect(resyncs.length).toBeGreaterThanOrEqual(1);
    await Promise.all(resyncs);
    // A second resync (e.g. the tab became visible) changes nothing.
    held = mergeMessages(held, (await resync(held, fetchPage)).messages);

    const stored = await db.message.findMany({
      where: { conversationId: conversation.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true },
    });
    expect(stored).toHaveLength(59);
    expect(held.map((m) => m.id)).toEqual(stored.map((m) => m.id));
  });
});
