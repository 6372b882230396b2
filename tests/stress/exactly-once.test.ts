// Exactly once, under injected faults, over real sockets:
// 1. 1,000 sends with injected client retries (response "lost" → same id again, after a delay or
//    at once), duplicated concurrent requests and out-of-band replays: each message stored once,
//    each sender's messages in send order, each message:new event published once.
// 2. Killing the realtime server mid-conversation and restarting it on the same port: clients
//    reconnect, resync through the messages API (lib/realtime/resync.ts) and hold every message,
//    0 missing, 0 duplicated.
import { describe, expect, it, vi } from "vitest";
import { connectClient, sleep, stressHarness, subscribed, waitUntil } from "./support";

vi.mock("@/lib/auth/session", async () => (await import("../security/session-mock")).sessionModule);

const { realtime, runAs, makeRequest, newId, makeUsers, db, conversationChannel, EVENTS, messagesRoute } = await stressHarness(
  "exactly-once",
  () => figures,
);
const { listMessages } = await import("@/lib/chat/messages/history");
const { mergeMessages, resync } = await import("@/lib/realtime/resync");
const { watchForResync } = await import("@/lib/realtime/client");
type MessageDto = Awaited<ReturnType<typeof listMessages>>["messages"][number];

const SENDS = Number(process.env.STRESS_SENDS ?? 1000);
const figures: Record<string, unknown> = {};

type Actor = { id: string; name: string | null; image: string | null };

function send(actor: Actor, conversationId: string, id: string, body: string): Promise<Response> {
  return runAs(actor, () =>
    messagesRoute.POST(makeRequest("POST", `/api/conversations/${conversationId}/messages`, { json: { id, body } }), {
      params: Promise.resolve({ id: conversationId }),
    }),
  );
}

async function createGroup(users: Actor[]): Promise<string> {
  const group = await db.conversation.create({
    data: { name: "stress", isGroup: true, users: { connect: users.map((u) => ({ id: u.id })) } },
    select: { id: true },
  });
  await db.conversationMemberState.createMany({
    data: users.map((u, i) => ({ conversationId: group.id, userId: u.id, role: i === 0 ? "admin" : "member" })),
  });
  return group.id;
}

describe("exactly once", { timeout: 180_000 }, () => {
  it(`${SENDS} sends with injected retries and duplicated requests: stored once each, in order, published once`, async () => {
    const senders = await makeUsers(10, "Once");
    const groupId = await createGroup(senders);
    // one real listener counts message:new events
    const listener = connectClient(process.env.PUSHER_KEY!, realtime.port, senders[0]!.id);
    const events = new Map<string, number>();
    const channel = listener.subscribe(conversationChannel(groupId));
    channel.bind(EVENTS.messageNew, (data: { id: string }) => events.set(data.id, (events.get(data.id) ?? 0) + 1));
    await subscribed(channel);

    const statuses: Record<string, number> = {};
    const faults = { duplicated: 0, retriedAfterLoss: 0, retriedLater: 0, replayed: 0 };
    const sentOrder = new Map<string, string[]>(); // sender → ids in send order
    const perSender = Math.ceil(SENDS / senders.length);
    let seq = 0;
    const started = Date.now();
    const count = (r: Response) => {
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      return r.status;
    };
    await Promise.all(
      senders.map(async (sender, s) => {
        const order: string[] = [];
        sentOrder.set(sender.id, order);
        for (let i = 0; i < perSender && s * perSender + i < SENDS; i += 1) {
          const id = newId();
          const body = `once ${s}:${i} ${seq++}`;
          const roll = (i * 7 + s * 13) % 10; // deterministic fault mix
          let stored = false;
          if (roll < 2) {
            // the client fires the same request twice at once (double submit)
            faults.duplicated += 1;
            const [a, b] = await Promise.all([send(sender, groupId, id, body), send(sender, groupId, id, body)]);
            stored = [count(a), count(b)].some((x) => x === 201 || x === 200);
          } else if (roll < 4) {
            // the response is lost: the client retries at once with the same id
            faults.retriedAfterLoss += 1;
            count(await send(sender, groupId, id, body)); // response discarded
            stored = [200, 201].includes(count(await send(sender, groupId, id, body)));
          } else if (roll < 5) {
            // a timeout: the retry comes later, racing the next message's send
            faults.retriedLater += 1;
            const first = send(sender, groupId, id, body);
            await sleep(5);
            const second = send(sender, groupId, id, body);
            stored = [count(await first), count(await second)].some((x) => x === 201 || x === 200);
          } else {
            stored = [200, 201].includes(count(await send(sender, groupId, id, body)));
          }
          expect(stored).toBe(true);
          order.push(id);
          if (roll === 9 && order.length > 2) {
            // an old request replayed much later (e.g. from an offline queue) changes nothing
            faults.replayed += 1;
            const old = order[order.length - 3]!;
            const replay = await send(sender, groupId, old, `once ${s}:${i - 2} replay`);
            count(replay);
            expect(replay.status).toBe(409); // same id, different content: conflict, nothing stored
          }
        }
      }),
    );
    const elapsed = Date.now() - started;

    const rows = await db.message.findMany({
      where: { conversationId: groupId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, senderId: true },
    });
    expect(rows).toHaveLength(SENDS);
    expect(new Set(rows.map((r) => r.id)).size).toBe(SENDS);
    for (const [senderId, order] of sentOrder) {
      expect(rows.filter((r) => r.senderId === senderId).map((r) => r.id)).toEqual(order); // in send order
    }
    expect(Object.keys(statuses).filter((s) => Number(s) >= 500)).toEqual([]);
    await waitUntil("every message:new event arrived", () => events.size === SENDS, 20_000);
    await sleep(300);
    const duplicatesPublished = [...events.values()].filter((n) => n > 1).length;
    expect(duplicatesPublished).toBe(0);
    listener.disconnect();
    figures.exactlyOnce = {
      sends: SENDS,
      requests: Object.values(statuses).reduce((a, b) => a + b, 0),
      statuses,
      faults,
      stored: rows.length,
      eventsReceived: events.size,
      duplicateEvents: duplicatesPublished,
      elapsedMs: elapsed,
    };
  });

  it("realtime server killed mid-conversation and restarted: clients resync with 0 missing, 0 duplicated", async () => {
    const users = await makeUsers(6, "Restart");
    const groupId = await createGroup(users);
    const sender = users[0]!;
    type Client = { user: Actor; messages: MessageDto[]; live: number; resyncs: number; pusher: ReturnType<typeof connectClient> };
    const fetchPage = (user: Actor) => (after: string | null) => listMessages(user.id, groupId, after ? { after } : {});
    const clients: Client[] = [];
    for (const user of users.slice(1)) {
      const pusher = connectClient(process.env.PUSHER_KEY!, realtime.port, user.id);
      const client: Client = { user, messages: [], live: 0, resyncs: 0, pusher };
      const channel = pusher.subscribe(conversationChannel(groupId));
      channel.bind(EVENTS.messageNew, (data: MessageDto) => {
        client.live += 1;
        client.messages = mergeMessages(client.messages, [data]);
      });
      // what the chat UI does: on reconnect, fetch everything after the newest message held
      watchForResync(
        pusher.connection as never,
        () => {
          client.resyncs += 1;
          void resync(client.messages, fetchPage(user)).then((r) => {
            client.messages = mergeMessages(r.reset ? [] : client.messages, r.messages);
          });
        },
        undefined,
      );
      await subscribed(channel);
      clients.push(client);
    }

    const ids: string[] = [];
    let sendErrors = 0;
    const sendOne = async (label: string) => {
      const id = newId();
      const response = await send(sender, groupId, id, label);
      if (response.status >= 500) sendErrors += 1;
      expect(response.status).toBe(201);
      ids.push(id);
    };
    for (let i = 0; i < 40; i += 1) await sendOne(`before ${i}`);
    await waitUntil("live delivery before the outage", () => clients.every((c) => c.messages.length === 40), 10_000);

    await realtime.kill();
    for (let i = 0; i < 60; i += 1) await sendOne(`during outage ${i}`); // stored; publishing fails quietly
    const outageStart = Date.now();
    await realtime.start();
    for (let i = 0; i < 40; i += 1) await sendOne(`after ${i}`);

    await waitUntil("every client holds every message", () => clients.every((c) => c.messages.length === ids.length), 60_000);
    const reconnectMs = Date.now() - outageStart;
    await sleep(500);
    const want = [...ids].sort();
    for (const c of clients) {
      const held = c.messages.map((m) => m.id);
      expect(new Set(held).size).toBe(held.length); // 0 duplicated
      expect([...held].sort()).toEqual(want); // 0 missing
      expect(c.resyncs).toBeGreaterThanOrEqual(1);
    }
    expect(sendErrors).toBe(0);
    for (const c of clients) c.pusher.disconnect();
    figures.restart = {
      clients: clients.length,
      messages: ids.length,
      sentDuringOutage: 60,
      missing: 0,
      duplicated: 0,
      liveEventsPerClient: clients.map((c) => c.live),
      resyncsPerClient: clients.map((c) => c.resyncs),
      caughtUpWithinMs: reconnectMs,
    };
  });
});
