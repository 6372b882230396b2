// The measured scenarios. Each returns plain numbers; bench/run.ts repeats them and reports.
import { execFileSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { once } from "node:events";
import { gzipSync } from "node:zlib";
import type PusherJs from "pusher-js";
import { WebSocket, WebSocketServer } from "ws";
import { AUTH_ENDPOINTS, createRealtimeClient } from "@/lib/realtime/client";
import { EVENTS } from "@/lib/realtime/events";
import { apiClient, expectOk, type ApiClient } from "./lib/api";
import {
  analyze,
  connect,
  createConversations,
  createMessages,
  createSearchableMessages,
  createUsers,
  decorateMessages,
  idOf,
  topicWord,
  type DataGen,
} from "./lib/datagen";
import type { BenchServer } from "./lib/server";
import { sessionCookie } from "./lib/session";
import { summarize, timed } from "./lib/stats";

async function clientsFor(server: BenchServer, gen: DataGen, seed: string, numbers: number[]): Promise<ApiClient[]> {
  return Promise.all(
    numbers.map(async (n) => {
      const id = await idOf(gen, seed, "user", n);
      return apiClient(server.baseUrl, id, await sessionCookie(server.secret, { id, name: `Bench user ${n}` }));
    }),
  );
}

/** pusher-js in Node, authorised by the app's real channel-auth endpoint with the user's cookie. */
function realtimeClient(server: BenchServer, api: ApiClient): PusherJs {
  const config = {
    key: server.pusher.key,
    cluster: "local",
    wsHost: server.pusher.host,
    wsPort: server.pusher.port,
    forceTLS: false,
    databaseProvider: "postgresql",
  } as const;
  const post = async <T>(endpoint: string, form: Record<string, string>): Promise<T> => {
    const response = await fetch(`${server.baseUrl}${endpoint}`, {
      method: "POST",
      headers: { cookie: api.cookie, origin: server.baseUrl, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form),
    });
    if (!response.ok) throw new Error(`${endpoint} ${response.status}`);
    return (await response.json()) as T;
  };
  return createRealtimeClient(config, {
    channel: (socketId, channelName) => post(AUTH_ENDPOINTS.channel, { socket_id: socketId, channel_name: channelName }),
    user: (socketId) => post(AUTH_ENDPOINTS.user, { socket_id: socketId }),
  });
}

async function subscribe(client: PusherJs, channelName: string) {
  const channel = client.subscribe(channelName);
  await new Promise<void>((resolve, reject) => {
    channel.bind("pusher:subscription_succeeded", () => resolve());
    channel.bind("pusher:subscription_error", (error: unknown) => reject(new Error(`subscribe ${channelName}: ${JSON.stringify(error)}`)));
  });
  return channel;
}

export interface DeliveryResult {
  latency: ReturnType<typeof summarize>;
  expected: number;
  delivered: number;
  duplicates: number;
  /** Messages sent per second over the sending phase. */
  perSecond: number;
}

/**
 * `groups` group conversations of `perGroup` members; every member but the sender subscribes with
 * its own pusher-js client; the first member of each group sends `messages` messages through the
 * API, all groups at once. Latency: from the start of the send request to arrival at each other
 * member.
 * - `intervalMs` > 0: each sender sends one message every `intervalMs` (open loop, start times
 *   spread over the first interval), whether or not its previous send has been answered, as people
 *   do: the latency a user sees at that load.
 * - `intervalMs` = 0: each sender sends its next message as soon as the previous one is answered
 *   (closed loop): the server is saturated, and the latency is mostly queueing behind the others.
 */
export async function delivery(
  server: BenchServer,
  opts: { groups: number; perGroup: number; messages: number; intervalMs: number; seed: string; connectConcurrency?: number },
): Promise<DeliveryResult> {
  const gen = connect(server.databaseUrl);
  const total = opts.groups * opts.perGroup;
  await createUsers(gen, opts.seed, total);
  const users = await clientsFor(
    server,
    gen,
    opts.seed,
    Array.from({ length: total }, (_, i) => i),
  );
  await gen.close();

  const groups: { id: string; members: ApiClient[] }[] = [];
  for (let g = 0; g < opts.groups; g++) {
    const members = users.slice(g * opts.perGroup, (g + 1) * opts.perGroup);
    const created = (await expectOk(
      await members[0]!.post("/api/conversations", {
        type: "group",
        name: `Delivery ${g}`,
        memberIds: members.slice(1).map((m) => m.userId),
      }),
      "create group",
    )) as { conversation: { id: string } };
    groups.push({ id: created.conversation.id, members });
  }

  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  const sockets: PusherJs[] = [];
  // Set-up, not measured: at most `connectConcurrency` clients signing in at once (a loaded machine
  // cannot sign 200 in within pusher-js's 10 s otherwise).
  let connecting = 0;
  const slot = async () => {
    while (connecting >= (opts.connectConcurrency ?? Infinity)) await new Promise((resolve) => setTimeout(resolve, 10));
    connecting += 1;
  };
  await Promise.all(
    groups.flatMap((group) =>
      group.members.slice(1).map(async (member) => {
        await slot();
        const socket = realtimeClient(server, member);
        sockets.push(socket);
        const channel = await subscribe(socket, `private-conversation-${group.id}`).finally(() => (connecting -= 1));
        channel.bind(EVENTS.messageNew, (data: { id: string }) => {
          const arrived = performance.now();
          const key = `${member.userId}:${data.id}`;
          if (seen.has(key)) return void duplicates++;
          seen.add(key);
          const start = sentAt.get(data.id);
          if (start !== undefined) latencies.push(arrived - start);
        });
      }),
    ),
  );

  const expected = opts.groups * opts.messages * (opts.perGroup - 1);
  const startedAt = performance.now();
  const send = async (group: (typeof groups)[number], i: number) => {
    const id = randomUUID();
    sentAt.set(id, performance.now());
    await expectOk(await group.members[0]!.post(`/api/conversations/${group.id}/messages`, { id, body: `delivery ${i}` }), "send");
  };
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  await Promise.all(
    groups.map(async (group, g) => {
      if (opts.intervalMs === 0) {
        for (let i = 0; i < opts.messages; i++) await send(group, i);
        return;
      }
      const offset = (g * opts.intervalMs) / groups.length;
      const sends: Promise<void>[] = [];
      for (let i = 0; i < opts.messages; i++) {
        await sleep(Math.max(0, offset + i * opts.intervalMs - (performance.now() - startedAt)));
        sends.push(send(group, i));
      }
      await Promise.all(sends);
    }),
  );
  const perSecond = (opts.groups * opts.messages) / ((performance.now() - startedAt) / 1000);
  const deadline = Date.now() + 10_000;
  while (seen.size < expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  for (const socket of sockets) socket.disconnect();
  return { latency: summarize(latencies), expected, delivered: seen.size, duplicates, perSecond };
}

/** The physical floor on this machine: one INSERT round trip + one WebSocket broadcast hop. */
export async function baseline(
  databaseUrl: string,
  samples: number,
): Promise<{ insert: ReturnType<typeof summarize>; websocket: ReturnType<typeof summarize> }> {
  const gen = connect(databaseUrl);
  await gen.sql.query("CREATE TABLE IF NOT EXISTS bench_baseline (id uuid PRIMARY KEY, body text)");
  const inserts: number[] = [];
  for (let i = 0; i < samples; i++) {
    const [, ms] = await timed(() => gen.sql.query("INSERT INTO bench_baseline VALUES ($1, $2)", [randomUUID(), "x"]));
    inserts.push(ms);
  }
  await gen.sql.query("DROP TABLE bench_baseline");
  await gen.close();

  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await once(wss, "listening");
  const port = (wss.address() as { port: number }).port;
  const client = new WebSocket(`ws://127.0.0.1:${port}`);
  const [serverSide] = (await once(wss, "connection")) as [WebSocket];
  await once(client, "open").catch(() => undefined);
  if (client.readyState !== WebSocket.OPEN) await once(client, "open");
  const hops: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    const arrived = once(client, "message");
    serverSide.send(JSON.stringify({ event: "message:new", data: "{}" }));
    await arrived;
    hops.push(performance.now() - start);
  }
  client.close();
  wss.close();
  return { insert: summarize(inserts), websocket: summarize(hops) };
}

export interface ThroughputResult {
  seconds: number;
  acknowledged: number;
  perSecond: number;
  stored: number;
  lost: number;
  duplicated: number;
  errors: number;
}

/** `senders` users each in a 1:1 with a partner, sending as fast as the API answers for `seconds`. */
export async function throughput(server: BenchServer, opts: { senders: number; seconds: number; seed: string }): Promise<ThroughputResult> {
  const gen = connect(server.databaseUrl);
  await createUsers(gen, opts.seed, opts.senders * 2);
  const users = await clientsFor(
    server,
    gen,
    opts.seed,
    Array.from({ length: opts.senders * 2 }, (_, i) => i),
  );
  const conversations: string[] = [];
  for (let s = 0; s < opts.senders; s++) {
    const body = (await expectOk(
      await users[2 * s]!.post("/api/conversations", { type: "direct", userId: users[2 * s + 1]!.userId }),
      "start 1:1",
    )) as {
      conversation: { id: string };
    };
    conversations.push(body.conversation.id);
  }
  const acked: string[] = [];
  let errors = 0;
  const stopAt = performance.now() + opts.seconds * 1000;
  const start = performance.now();
  await Promise.all(
    conversations.map(async (conversationId, s) => {
      while (performance.now() < stopAt) {
        const id = randomUUID();
        const response = await users[2 * s]!.post(`/api/conversations/${conversationId}/messages`, { id, body: `throughput ${id}` });
        if (response.ok) acked.push(id);
        else errors++;
        await response.arrayBuffer();
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  const { rows } = await gen.sql.query<{ stored: number; distinct_bodies: number; matched: number }>(
    `SELECT count(*)::int AS stored, count(DISTINCT body)::int AS distinct_bodies,
            count(*) FILTER (WHERE id = ANY($2::uuid[]))::int AS matched
       FROM "Message" WHERE "conversationId" = ANY($1::uuid[])`,
    [conversations, acked],
  );
  await gen.close();
  const row = rows[0]!;
  return {
    seconds: elapsed,
    acknowledged: acked.length,
    perSecond: acked.length / elapsed,
    stored: row.stored,
    lost: acked.length - row.matched,
    duplicated: row.stored - row.distinct_bodies,
    errors,
  };
}

async function sampleGets(api: ApiClient, paths: string[], count: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const path = paths[i % paths.length]!;
    const [response, ms] = await timed(() => api.get(path));
    if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status}`);
    await response.arrayBuffer();
    samples.push(ms);
  }
  return samples;
}

/**
 * History pages (50 messages, through the API) of a conversation with `small` messages in a
 * database holding `small` messages, then again after growing the database to `large` messages
 * (half in the measured conversation, half elsewhere).
 *
 * `data`: "decorated" (the default) makes the measured conversation a group of five whose history
 * carries reactions by several members, replies quoting earlier messages, edits, forwards,
 * deleted-for-everyone tombstones and delivered/read receipts (datagen decorateMessages: on all
 * `small` messages, and on the newest DECORATED_NEWEST of the messages added for the large size,
 * which are the pages then measured); "plain" is the 1:1 chat of text-only messages measured before
 * the message actions existed (BENCH_HISTORY_DATA=plain), so both can be run on the same code.
 */
export async function history(
  server: BenchServer,
  opts: { small: number; large: number; samples: number; seed: string; data?: "plain" | "decorated" },
) {
  const decorated = opts.data !== "plain";
  const members = decorated ? 5 : 2;
  const gen = connect(server.databaseUrl);
  await createUsers(gen, opts.seed, members);
  await createConversations(gen, opts.seed, {
    from: 0,
    count: 1,
    members: () => Array.from({ length: members }, (_, k) => String(k)),
    isGroup: decorated,
  });
  await createMessages(gen, opts.seed, { conv: 0, senders: [0, 1], count: opts.small, tag: "a", withSeen: true });
  if (decorated) await decorateMessages(gen, opts.seed, { conv: 0, tag: "a", from: 0, to: opts.small - 1, members });
  await analyze(gen);
  const [reader] = await clientsFor(server, gen, opts.seed, [0]);
  const conversationId = await idOf(gen, opts.seed, "conv", 0);
  const paths = async () => {
    const first = (await expectOk(await reader!.get(`/api/conversations/${conversationId}/messages`), "page")) as {
      olderCursor?: string | null;
      nextCursor?: string | null;
      messages: { reactions?: unknown[]; replyTo?: unknown; deleted?: boolean; editedAt?: string | null; deliveredTo: string[] }[];
    };
    if (decorated) {
      // What is measured must carry what the decorations promise, or the figure means nothing.
      const page = first.messages;
      const carries = [
        page.some((m) => (m.reactions?.length ?? 0) > 1),
        page.some((m) => m.replyTo),
        page.some((m) => m.deleted),
        page.some((m) => m.editedAt),
        page.every((m) => m.deliveredTo.length > 0),
      ];
      if (carries.includes(false)) throw new Error(`history: the decorated page lacks a decoration (${carries.join(", ")})`);
    }
    const cursor = first.olderCursor ?? first.nextCursor;
    return [
      `/api/conversations/${conversationId}/messages`,
      ...(cursor ? [`/api/conversations/${conversationId}/messages?before=${encodeURIComponent(cursor)}`] : []),
    ];
  };
  await sampleGets(reader!, await paths(), 20); // warm-up
  const small = summarize(await sampleGets(reader!, await paths(), opts.samples));

  const extra = opts.large - opts.small;
  const grown = Math.floor(extra / 2);
  await createMessages(gen, opts.seed, { conv: 0, senders: [0, 1], count: grown, tag: "b" });
  if (decorated) {
    const from = Math.max(0, grown - DECORATED_NEWEST);
    await decorateMessages(gen, opts.seed, { conv: 0, tag: "b", from, to: grown - 1, members });
  }
  await createConversations(gen, opts.seed, { from: 1, count: 10, members: () => ["0", "1"], isGroup: false });
  for (let c = 1; c <= 10; c++) {
    await createMessages(gen, opts.seed, { conv: c, senders: [0, 1], count: Math.floor(extra / 20), tag: "c" });
  }
  await analyze(gen);
  const total = Number((await gen.sql.query<{ n: string }>(`SELECT count(*) AS n FROM "Message"`)).rows[0]!.n);
  await gen.close();
  await sampleGets(reader!, await paths(), 20);
  const large = summarize(await sampleGets(reader!, await paths(), opts.samples));
  return { small, large, ratio: large.p95 / small.p95, messagesInDatabase: total };
}

/** How many of the newest messages added for the large history size are decorated. */
export const DECORATED_NEWEST = 10_000;

/**
 * Message search (GET /api/search?q=<one word>): ten users, each a member of the same `chats` group
 * chats, search for one topic word (0.1 % of all messages match, a fifth of them in their chats);
 * the messages are spread over those chats and four times as many chats of other people. p95 of the
 * first page at `small` then `large` messages in the database. Ten readers take turns so the
 * per-user search budget (120 a minute) is not what is measured.
 */
export async function search(server: BenchServer, opts: { small: number; large: number; chats: number; samples: number; seed: string }) {
  const gen = connect(server.databaseUrl);
  const readers = 10;
  await createUsers(gen, opts.seed, readers + 1);
  const allChats = opts.chats * 5;
  const members = Array.from({ length: readers }, (_, i) => String(i));
  await createConversations(gen, opts.seed, { from: 0, count: opts.chats, members: () => members, isGroup: true });
  await createConversations(gen, opts.seed, {
    from: opts.chats,
    count: allChats - opts.chats,
    members: () => [String(readers)],
    isGroup: true,
  });
  await createSearchableMessages(gen, opts.seed, { from: 0, count: opts.small, conversations: allChats, senders: readers });
  await analyze(gen);
  const users = await clientsFor(server, gen, opts.seed, members.map(Number));
  const words = await Promise.all([7, 123, 456, 789].map((k) => topicWord(gen, k)));
  const paths = words.map((w) => `/api/search?q=${encodeURIComponent(w)}`);
  const check = (await expectOk(await users[0]!.get(paths[0]!), "search")) as { hits: unknown[] };
  if (check.hits.length === 0) throw new Error("search found none of the generated messages");
  const sample = async (count: number) => {
    const all: number[] = [];
    for (let i = 0; i < count; i += readers)
      all.push(...(await sampleGets(users[(i / readers) % readers]!, paths, Math.min(readers, count - i))));
    return all;
  };
  // A fresh server: the first hundred or so searches still run code V8 has not optimised yet (with
  // 20 the 100k figure was often above the 1M one, measured later on a warm server).
  const warmUp = Math.min(100, opts.samples);
  await sample(warmUp);
  const small = summarize(await sample(opts.samples));
  await createSearchableMessages(gen, opts.seed, {
    from: opts.small,
    count: opts.large - opts.small,
    conversations: allChats,
    senders: readers,
  });
  await analyze(gen);
  await gen.close();
  await new Promise((resolve) => setTimeout(resolve, 61_000)); // a fresh search budget for every reader
  await sample(warmUp);
  const large = summarize(await sample(opts.samples));
  return { small, large, ratio: large.p95 / small.p95 };
}

/** First page of the conversation list (with unread counts) for a user in `conversations` chats. */
export async function conversationList(server: BenchServer, opts: { conversations: number; samples: number; seed: string }) {
  const gen = connect(server.databaseUrl);
  await createUsers(gen, opts.seed, opts.conversations + 1);
  await createConversations(gen, opts.seed, { from: 0, count: opts.conversations, members: (n) => ["0", `${n} + 1`], isGroup: false });
  // Every conversation gets three messages from the partner (unread for user 0).
  await gen.sql.query(
    `INSERT INTO "Message" (id, body, "createdAt", "conversationId", "senderId")
     SELECT md5('${opts.seed}:lmsg:' || c || ':' || k)::uuid, 'Hello number ' || k,
            now() - interval '10 days' + interval '1 second' * (c * 3 + k),
            md5('${opts.seed}:conv:' || c)::uuid, md5('${opts.seed}:user:' || (c + 1))::uuid
       FROM generate_series(0, $1::int - 1) c, generate_series(0, 2) k`,
    [opts.conversations],
  );
  await gen.sql.query(
    `UPDATE "Conversation" c SET "lastMessageAt" = m.latest
       FROM (SELECT "conversationId", max("createdAt") AS latest FROM "Message" GROUP BY "conversationId") m
      WHERE m."conversationId" = c.id`,
  );
  await analyze(gen);
  const [user] = await clientsFor(server, gen, opts.seed, [0]);
  await gen.close();
  const body = (await expectOk(await user!.get("/api/conversations"), "list")) as { conversations: { unreadCount: number }[] };
  if (body.conversations.length === 0 || body.conversations[0]!.unreadCount !== 3) {
    throw new Error("conversation list did not return the generated conversations with unread counts");
  }
  await sampleGets(user!, ["/api/conversations"], 20);
  return summarize(await sampleGets(user!, ["/api/conversations"], opts.samples));
}

export interface PageScript {
  src: string;
  rawBytes: number;
  gzipBytes: number;
  /** `nomodule`: only browsers without ES modules download it (Next.js's legacy polyfills). */
  noModule: boolean;
}

/** Every `<script src>` of a page as `cookie`'s user gets it, with its size raw and gzipped (level 9). */
export async function pageScripts(baseUrl: string, cookie: string, path: string): Promise<PageScript[]> {
  const response = await fetch(new URL(path, baseUrl), { headers: { cookie }, redirect: "manual" });
  if (response.status !== 200) throw new Error(`GET ${path}: HTTP ${response.status}`);
  const html = await response.text();
  const tags = new Map<string, boolean>(); // src → nomodule
  for (const [tag, src] of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/gi)) tags.set(src!, /\bnomodule\b/i.test(tag));
  const scripts: PageScript[] = [];
  for (const [src, noModule] of tags) {
    const body = Buffer.from(await (await fetch(new URL(src, baseUrl))).arrayBuffer());
    scripts.push({ src, rawBytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length, noModule });
  }
  return scripts;
}

/**
 * First-load JavaScript of the signed-in chat route: what a browser with ES modules downloads to
 * show it. `nomodule` scripts are counted apart; chunks loaded after hydration (realtime) or on
 * interaction (dialogs) are not first-load.
 */
export async function firstLoadJs(
  server: BenchServer,
  seed: string,
): Promise<{ gzipBytes: number; noModuleGzipBytes: number; scripts: number }> {
  const gen = connect(server.databaseUrl);
  await createUsers(gen, seed, 1);
  const [user] = await clientsFor(server, gen, seed, [0]);
  await gen.close();
  const scripts = await pageScripts(server.baseUrl, user!.cookie, "/chat");
  const sum = (list: PageScript[]) => list.reduce((total, script) => total + script.gzipBytes, 0);
  return {
    gzipBytes: sum(scripts.filter((script) => !script.noModule)),
    noModuleGzipBytes: sum(scripts.filter((script) => script.noModule)),
    scripts: scripts.length,
  };
}

/** Resident memory (MB) of a process and all its descendants (/proc through `ps`). */
function treeRssMb(root: number): number {
  const rows = execFileSync("ps", ["-eo", "pid=,ppid=,rss="])
    .toString()
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number));
  const tree = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, ppid] of rows) {
      if (!tree.has(pid!) && tree.has(ppid!)) {
        tree.add(pid!);
        grew = true;
      }
    }
  }
  return rows.filter(([pid]) => tree.has(pid!)).reduce((sum, [, , rss]) => sum + rss!, 0) / 1024;
}

/**
 * Attachments (issue 14): one upload of `megabytes` MB of random bytes through POST /api/attachments
 * (streamed to the local disk) against a raw copy of the same file on the same disk, and the server
 * processes' peak resident memory during the upload (sampled every 20 ms) above their memory before it.
 */
export async function upload(
  server: BenchServer,
  options: { megabytes: number; seed: string; dataDir: string },
): Promise<{ uploadMBs: number; copyMBs: number; peakRssMb: number; rssBeforeMb: number }> {
  const gen = connect(server.databaseUrl);
  await createUsers(gen, options.seed, 1);
  const [user] = await clientsFor(server, gen, options.seed, [0]);
  await gen.close();
  const dir = fs.mkdtempSync(path.join(options.dataDir, "bench-upload-"));
  const source = path.join(dir, "source.bin");
  const bytes = options.megabytes * 1024 * 1024;
  const fd = fs.openSync(source, "w");
  for (let written = 0; written < bytes; written += 1024 * 1024) fs.writeSync(fd, randomBytes(1024 * 1024));
  fs.closeSync(fd);
  const [, copyMs] = await timed(() => fs.promises.copyFile(source, path.join(dir, "copy.bin")));

  const pid = server.pid;
  if (!pid) throw new Error("the upload benchmark needs the server's process id");
  const rssBeforeMb = treeRssMb(pid);
  let peakRssMb = rssBeforeMb;
  const sampler = setInterval(() => (peakRssMb = Math.max(peakRssMb, treeRssMb(pid))), 20);
  const [response, uploadMs] = await timed(() =>
    fetch(`${server.baseUrl}/api/attachments?name=bench.bin`, {
      method: "POST",
      headers: {
        cookie: user!.cookie,
        origin: server.baseUrl,
        "content-type": "application/octet-stream",
        "content-length": String(bytes),
      },
      body: Readable.toWeb(fs.createReadStream(source)) as ReadableStream,
      duplex: "half",
    } as RequestInit),
  );
  clearInterval(sampler);
  peakRssMb = Math.max(peakRssMb, treeRssMb(pid));
  await expectOk(response, "upload");
  fs.rmSync(dir, { recursive: true, force: true });
  return { uploadMBs: options.megabytes / (uploadMs / 1000), copyMBs: options.megabytes / (copyMs / 1000), peakRssMb, rssBeforeMb };
}
