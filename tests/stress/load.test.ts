// Load: 200 concurrent clients (real pusher-js websockets to the realtime server on loopback) in
// 20 groups of 10, all sending through the messages route at once for a bounded time/count.
// Result: 0 lost (every member receives every message of its group live), 0 duplicated (each
// message:new arrives once per member), 0 5xx; plus send and delivery latencies.
import { describe, expect, it, vi } from "vitest";
import { connectClient, pool, sleep, stressHarness, subscribed, waitUntil } from "./support";

vi.mock("@/lib/auth/session", async () => (await import("../security/session-mock")).sessionModule);

const { realtime, runAs, makeRequest, newId, makeUsers, db, conversationChannel, EVENTS, messagesRoute } = await stressHarness(
  "load",
  () => figures,
);

const CLIENTS = Number(process.env.STRESS_CLIENTS ?? 200);
const GROUP_SIZE = 10;
const MESSAGES_PER_CLIENT = Number(process.env.STRESS_MESSAGES_PER_CLIENT ?? 3);
const MAX_SECONDS = Number(process.env.STRESS_SECONDS ?? 90);
/** Sends of each client are spread over about this many seconds (≈ CLIENTS × MESSAGES / SPREAD msg/s in total). */
const SPREAD_SECONDS = Number(process.env.STRESS_SPREAD_SECONDS ?? 20);
let figures: Record<string, unknown> = {};

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

describe("load", { timeout: 300_000 }, () => {
  it(`${CLIENTS} concurrent clients exchanging messages: 0 lost, 0 duplicated, 0 5xx`, async () => {
    const users = await makeUsers(CLIENTS, "Load");
    const groups: { id: string; members: typeof users }[] = [];
    for (let g = 0; g * GROUP_SIZE < users.length; g += 1) {
      const members = users.slice(g * GROUP_SIZE, (g + 1) * GROUP_SIZE);
      const group = await db.conversation.create({
        data: { name: `load ${g}`, isGroup: true, users: { connect: members.map((u) => ({ id: u.id })) } },
        select: { id: true },
      });
      await db.conversationMemberState.createMany({
        data: members.map((u, i) => ({ conversationId: group.id, userId: u.id, role: i === 0 ? "admin" : "member" })),
      });
      groups.push({ id: group.id, members });
    }
    const groupOf = new Map(groups.flatMap((g) => g.members.map((m) => [m.id, g.id] as const)));

    // connect and subscribe every client (bounded concurrency for the handshakes only)
    const received = new Map<string, Map<string, number>>(); // user → message id → times
    const sentAt = new Map<string, number>();
    const deliveryMs: number[] = [];
    const clients: ReturnType<typeof connectClient>[] = [];
    const connectStarted = Date.now();
    await pool(users, 25, async (user) => {
      const client = connectClient(process.env.PUSHER_KEY!, realtime.port, user.id);
      clients.push(client);
      const mine = new Map<string, number>();
      received.set(user.id, mine);
      const channel = client.subscribe(conversationChannel(groupOf.get(user.id)!));
      channel.bind(EVENTS.messageNew, (data: { id: string }) => {
        mine.set(data.id, (mine.get(data.id) ?? 0) + 1);
        const at = sentAt.get(data.id);
        if (at !== undefined) deliveryMs.push(Date.now() - at);
      });
      await subscribed(channel, 30_000);
    });
    const connectMs = Date.now() - connectStarted;

    // everyone is connected and sending at the same time, each client at a chat pace (a message
    // every ~SPREAD/MESSAGES seconds, random jitter), bounded by count and by time
    const statuses: Record<string, number> = {};
    const sendMs: number[] = [];
    const sentBy = new Map<string, string[]>(); // group → message ids
    const deadline = Date.now() + MAX_SECONDS * 1000;
    const started = Date.now();
    await Promise.all(
      users.map(async (user) => {
        const groupId = groupOf.get(user.id)!;
        for (let i = 0; i < MESSAGES_PER_CLIENT && Date.now() < deadline; i += 1) {
          await sleep(Math.random() * ((SPREAD_SECONDS * 1000) / MESSAGES_PER_CLIENT));
          const id = newId();
          const t0 = Date.now();
          sentAt.set(id, t0);
          const response = await runAs(user, () =>
            messagesRoute.POST(
              makeRequest("POST", `/api/conversations/${groupId}/messages`, { json: { id, body: `load ${user.id.slice(-6)} ${i}` } }),
              {
                params: Promise.resolve({ id: groupId }),
              },
            ),
          );
          sendMs.push(Date.now() - t0);
          statuses[response.status] = (statuses[response.status] ?? 0) + 1;
          if (response.status === 201) {
            const list = sentBy.get(groupId) ?? [];
            list.push(id);
            sentBy.set(groupId, list);
          }
        }
      }),
    );
    const sendSeconds = (Date.now() - started) / 1000;
    const sent = [...sentBy.values()].reduce((n, l) => n + l.length, 0);

    const expectedDeliveries = users.reduce((n, u) => n + (sentBy.get(groupOf.get(u.id)!)?.length ?? 0), 0);
    const deliveredCount = () => users.reduce((n, u) => n + [...received.get(u.id)!.keys()].filter((id) => sentAt.has(id)).length, 0);
    await waitUntil("every member received every message of its group", () => deliveredCount() >= expectedDeliveries, 60_000).catch(
      () => undefined,
    );
    await sleep(500);

    let lost = 0;
    let duplicated = 0;
    for (const user of users) {
      const mine = received.get(user.id)!;
      for (const id of sentBy.get(groupOf.get(user.id)!) ?? []) if (!mine.has(id)) lost += 1;
      for (const times of mine.values()) if (times > 1) duplicated += times - 1;
    }
    const stored = await db.message.count({ where: { conversationId: { in: groups.map((g) => g.id) } } });
    for (const client of clients) client.disconnect();

    figures = {
      clients: CLIENTS,
      spreadSeconds: SPREAD_SECONDS,
      groups: groups.length,
      messagesSent: sent,
      stored,
      expectedDeliveries,
      delivered: deliveredCount(),
      lost,
      duplicated,
      statuses,
      connectAndSubscribeMs: connectMs,
      sendSeconds: Number(sendSeconds.toFixed(1)),
      sendsPerSecond: Number((sent / sendSeconds).toFixed(0)),
      sendMs: { p50: percentile(sendMs, 50), p95: percentile(sendMs, 95), max: percentile(sendMs, 100) },
      deliveryMs: { p50: percentile(deliveryMs, 50), p95: percentile(deliveryMs, 95), max: percentile(deliveryMs, 100) },
    };
    expect(Object.keys(statuses).filter((s) => Number(s) >= 500)).toEqual([]);
    expect(sent).toBe(CLIENTS * MESSAGES_PER_CLIENT);
    expect(stored).toBe(sent);
    expect(lost).toBe(0);
    expect(duplicated).toBe(0);
  });

  it("a thundering herd (every client sends at the same instant) is queued or shed with 503 + Retry-After, never a 500; retries store each message once", async () => {
    const users = await makeUsers(Math.min(CLIENTS, 200), "Herd");
    const group = await db.conversation.create({
      data: { name: "herd", isGroup: true, users: { connect: users.map((u) => ({ id: u.id })) } },
      select: { id: true },
    });
    const statuses: Record<string, number> = {};
    const ids = users.map(() => newId());
    const started = Date.now();
    await Promise.all(
      users.map(async (user, i) => {
        for (let attempt = 0; attempt < 5; attempt += 1) {
          const response = await runAs(user, () =>
            messagesRoute.POST(
              makeRequest("POST", `/api/conversations/${group.id}/messages`, { json: { id: ids[i], body: `herd ${i}` } }),
              {
                params: Promise.resolve({ id: group.id }),
              },
            ),
          );
          statuses[response.status] = (statuses[response.status] ?? 0) + 1;
          if (response.status !== 503) return;
          await sleep(Number(response.headers.get("retry-after") ?? 1) * 1000);
        }
      }),
    );
    const stored = await db.message.findMany({ where: { conversationId: group.id }, select: { id: true } });
    figures = {
      ...figures,
      herd: { concurrentSends: users.length, statuses, stored: stored.length, seconds: (Date.now() - started) / 1000 },
    };
    expect(statuses["500"]).toBeUndefined();
    expect(stored.map((m) => m.id).sort()).toEqual([...ids].sort());
  });
});
