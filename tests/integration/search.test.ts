// Message search (lib/chat/search) on the real database: membership and "delete for me" visibility,
// accents and case, substring/prefix matching, filters, keyset pages, query injection, snippets,
// and the history page around a hit (lib/chat/messages/history.ts `around`).
import { afterAll, describe, expect, it } from "vitest";
import { createGroup, startDirectConversation } from "@/lib/chat/conversations/operations";
import { removeConversationForMe } from "@/lib/chat/members/operations";
import { deleteMessage } from "@/lib/chat/message-actions/operations";
import { newMessageId } from "@/lib/chat/kernel/ids";
import { listMessages } from "@/lib/chat/messages/history";
import { sendMessage } from "@/lib/chat/messages/send";
import { searchMessages, searchMessagesVia, type SearchPath } from "@/lib/chat/search/reads";
import { messageSearchText } from "@/lib/chat/search/normalize";
import { db } from "@/lib/db/client";
import { MemoryRateLimitStore } from "@/lib/rate-limit/limiter";
import { createUserBudgets, setUserBudgetsForTests } from "@/lib/rate-limit/user-budgets";
import { makeUsers, uniqueTag } from "@/tests/support/chat-fixtures";
import { countStatements } from "@/tests/support/statements";

afterAll(() => db.$disconnect());

const id = () => newMessageId("postgresql");
const send = async (senderId: string, conversationId: string, body: string | null, image?: string) =>
  (await sendMessage(senderId, conversationId, { id: id(), body, image })).message;
/** A word no other test writes (letters only, so folding keeps it). */
const word = () => `zq${uniqueTag().replace(/[^a-z]/g, "")}x`;
/** An attachment of `kind` on a sent message, as the send links it (the file itself is not needed here). */
const attachTo = (message: { id: string; conversationId: string; createdAt: string }, kind: string, uploaderId: string) =>
  db.attachment.create({
    data: {
      uploaderId,
      name: `file.${kind}`,
      size: 10,
      mimeType: "application/octet-stream",
      kind,
      storageKey: crypto.randomUUID(),
      messageId: message.id,
      conversationId: message.conversationId,
      sentAt: new Date(message.createdAt),
    },
  });
const bodies = async (actorId: string, input: Record<string, unknown>) =>
  (await searchMessages(actorId, input)).hits.map((h) => h.message.body);

describe("message search", () => {
  it("finds messages of my conversations only, from any member, newest first", async () => {
    const [alice, bob, carol, mallory] = await makeUsers(4, "Search");
    const w = word();
    const { conversation: ab } = await startDirectConversation(alice!.id, bob!.id);
    const group = await createGroup(bob!.id, { name: "Search group", memberIds: [alice!.id, carol!.id] });
    const { conversation: bc } = await startDirectConversation(bob!.id, carol!.id);
    await send(bob!.id, ab.id, `first ${w} in the 1:1`);
    await send(carol!.id, group.id, `second ${w} in the group`);
    await send(bob!.id, bc.id, `secret ${w} between bob and carol`);

    const page = await searchMessages(alice!.id, { q: w });
    expect(page.hits.map((h) => h.message.body)).toEqual([`second ${w} in the group`, `first ${w} in the 1:1`]);
    expect(page.hits[0]!.message.sender.id).toBe(carol!.id);
    expect(page.hits[0]!.message.conversationId).toBe(group.id);
    expect(page.nextCursor).toBeNull();
    expect(await bodies(mallory!.id, { q: w })).toEqual([]);
    // In one chat; a chat I am not in gives nothing (never a hint it exists).
    expect(await bodies(alice!.id, { q: w, conversationId: ab.id })).toEqual([`first ${w} in the 1:1`]);
    expect(await bodies(alice!.id, { q: w, conversationId: bc.id })).toEqual([]);
    // An id of the other provider (an ObjectId here) names nothing: no hits, never a driver error.
    expect(await bodies(alice!.id, { q: w, conversationId: "5be1f5e38ec8f3b6a3db28a1" })).toEqual([]);
    expect(await bodies(alice!.id, { q: w, from: "5be1f5e38ec8f3b6a3db28a1" })).toEqual([]);
  });

  it("hides what came before my 'delete for me' (historyFrom), and a group I left", async () => {
    const [alice, bob, carol] = await makeUsers(3, "SearchHidden");
    const w = word();
    const { conversation } = await startDirectConversation(alice!.id, bob!.id);
    const group = await createGroup(bob!.id, { name: "Left group", memberIds: [alice!.id, carol!.id] });
    await send(bob!.id, conversation.id, `old ${w}`);
    await send(bob!.id, group.id, `group ${w}`);
    await removeConversationForMe(alice!.id, conversation.id);
    await removeConversationForMe(alice!.id, group.id);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await send(bob!.id, conversation.id, `new ${w}`);
    expect(await bodies(alice!.id, { q: w })).toEqual([`new ${w}`]);
    expect(await bodies(alice!.id, { q: w, conversationId: conversation.id })).toEqual([`new ${w}`]);
    // Bob keeps everything of his.
    expect(await bodies(bob!.id, { q: w })).toEqual([`new ${w}`, `group ${w}`, `old ${w}`]);
  });

  it("leaves out matches at or before my cut-off even when they would fill the page, and pages past them", async () => {
    const [alice, bob, carol] = await makeUsers(3, "SearchCut");
    const w = word();
    const t0 = Date.now();
    const minutesAgo = (m: number) => new Date(t0 - m * 60_000);
    const { conversation: ab } = await startDirectConversation(alice!.id, bob!.id);
    const group = await createGroup(bob!.id, { name: "Cut-off group", memberIds: [alice!.id, carol!.id] });
    const left = await createGroup(bob!.id, { name: "Left group", memberIds: [alice!.id, carol!.id] });
    const insert = (conversationId: string, rows: { body: string; at: Date }[]) =>
      db.message.createMany({
        data: rows.map(({ body, at }) => ({ conversationId, senderId: bob!.id, body, searchText: messageSearchText(body), createdAt: at })),
      });
    // 30 matches in the 1:1 from before Alice deletes it for herself, more than a page; the group's
    // three (no cut-off there) fall between them.
    await insert(
      ab.id,
      Array.from({ length: 30 }, (_, k) => ({ body: `old ${k} ${w}`, at: minutesAgo(k + 1) })),
    );
    await insert(
      group.id,
      [25.5, 15.5, 0.5].map((m) => ({ body: `group ${m} ${w}`, at: minutesAgo(m) })),
    );
    await removeConversationForMe(alice!.id, ab.id);
    const state = await db.conversationMemberState.findUniqueOrThrow({
      where: { conversationId_userId: { conversationId: ab.id, userId: alice!.id } },
      select: { historyFrom: true },
    });
    // Exactly at the cut-off: hidden (she sees what came after it).
    await insert(ab.id, [{ body: `at the cut-off ${w}`, at: state.historyFrom! }]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    // After it: one deleted for everyone, one deleted for Alice, two she sees.
    const gone = await send(bob!.id, ab.id, `deleted for everyone ${w}`);
    const hidden = await send(bob!.id, ab.id, `deleted for alice ${w}`);
    await deleteMessage(bob!.id, gone.id, { scope: "everyone" });
    await deleteMessage(alice!.id, hidden.id, { scope: "me" });
    await send(bob!.id, ab.id, `new 1 ${w}`);
    await send(bob!.id, ab.id, `new 2 ${w}`);
    // The newest matches of all are in a group Alice then left.
    await send(bob!.id, left.id, `left ${w}`);
    await removeConversationForMe(alice!.id, left.id);

    const expected = [`new 2 ${w}`, `new 1 ${w}`, `group 0.5 ${w}`, `group 15.5 ${w}`, `group 25.5 ${w}`];
    expect(await bodies(alice!.id, { q: w })).toEqual(expected);
    expect(await bodies(alice!.id, { q: w, conversationId: ab.id })).toEqual(expected.slice(0, 2));
    expect(await bodies(alice!.id, { q: w, conversationId: left.id })).toEqual([]);
    // Two at a time: the cut-off falls inside the second page's look-ahead and the third page.
    const pages: string[][] = [];
    const statements: number[] = [];
    let cursor: string | undefined;
    do {
      let page: Awaited<ReturnType<typeof searchMessages>> | undefined;
      statements.push(await countStatements(async () => (page = await searchMessages(alice!.id, { q: w, limit: 2, cursor }))));
      pages.push(page!.hits.map((h) => h.message.body!));
      cursor = page!.nextCursor ?? undefined;
    } while (cursor);
    expect(pages).toEqual([expected.slice(0, 2), expected.slice(2, 4), expected.slice(4)]);
    // On PostgreSQL the page's one statement applies my cut-offs itself: one statement a page.
    expect(statements).toEqual([1, 1, 1]);
    // Through Prisma filters (MongoDB's path) every page (with its look-ahead) meets a match from
    // before the cut-off: the ids and the page, then my cut-offs and both again; the same pages.
    const prismaPages: string[][] = [];
    const prismaStatements: number[] = [];
    cursor = undefined;
    do {
      let page: Awaited<ReturnType<typeof searchMessages>> | undefined;
      prismaStatements.push(
        await countStatements(async () => (page = await searchMessagesVia("prisma", alice!.id, { q: w, limit: 2, cursor }))),
      );
      prismaPages.push(page!.hits.map((h) => h.message.body!));
      cursor = page!.nextCursor ?? undefined;
    } while (cursor);
    expect(prismaPages).toEqual(pages);
    expect(prismaStatements).toEqual([5, 5, 5]);
    // Bob keeps everything of his but the message deleted for everyone; with no cut-off it is one
    // statement on PostgreSQL, the ids then the page through Prisma filters.
    for (const [path, count] of [
      ["sql", 1],
      ["prisma", 2],
    ] as const) {
      let bobs: Awaited<ReturnType<typeof searchMessages>> | undefined;
      expect(await countStatements(async () => (bobs = await searchMessagesVia(path, bob!.id, { q: w, limit: 50 })))).toBe(count);
      expect(bobs!.hits).toHaveLength(30 + 3 + 1 + 1 + 2 + 1);
      expect(bobs!.hits.map((h) => h.message.id)).not.toContain(gone.id);
    }
  });

  it("ignores accents and case on both sides, matches inside words (the word being typed), ANDs words", async () => {
    const [alice, bob] = await makeUsers(2, "SearchFold");
    const w = word();
    const { conversation } = await startDirectConversation(alice!.id, bob!.id);
    await send(bob!.id, conversation.id, `Crème BRÛLÉE au café ${w}`);
    await send(bob!.id, conversation.id, `creme caramel ${w}`);
    expect(await bodies(alice!.id, { q: `brulee ${w}` })).toEqual([`Crème BRÛLÉE au café ${w}`]);
    expect(await bodies(alice!.id, { q: `CAFÉ ${w}` })).toEqual([`Crème BRÛLÉE au café ${w}`]);
    expect(await bodies(alice!.id, { q: `crem ${w}` })).toEqual([`creme caramel ${w}`, `Crème BRÛLÉE au café ${w}`]);
    expect(await bodies(alice!.id, { q: `${w.slice(0, -3)}` })).toHaveLength(2); // prefix of the word
    expect(await bodies(alice!.id, { q: `caramel brûl ${w}` })).toEqual([]); // every word must match
  });

  it("treats the query as text: LIKE wildcards, quotes, backslashes and HTML match only themselves", async () => {
    const [alice, bob] = await makeUsers(2, "SearchInject");
    const w = word();
    const { conversation } = await startDirectConversation(alice!.id, bob!.id);
    await send(bob!.id, conversation.id, `100% sure ${w}`);
    await send(bob!.id, conversation.id, `plain words ${w}`);
    await send(bob!.id, conversation.id, `back\\slash ${w}`);
    await send(bob!.id, conversation.id, `<img src=x onerror=alert(1)> ${w}`);
    expect(await bodies(alice!.id, { q: `% ${w}` })).toEqual([`100% sure ${w}`]);
    expect(await bodies(alice!.id, { q: `_ ${w}` })).toEqual([]);
    expect(await bodies(alice!.id, { q: `' OR 1=1 -- ${w}` })).toEqual([]);
    expect(await bodies(alice!.id, { q: `\\ ${w}` })).toEqual([`back\\slash ${w}`]);
    const [hit] = (await searchMessages(alice!.id, { q: `<img ${w}` })).hits;
    // The snippet is segments of the original text, never markup built from it.
    expect(hit!.snippet).toEqual([
      { text: "<img", match: true },
      { text: " src=x onerror=alert(1)> ", match: false },
      { text: w, match: true },
    ]);
  });

  it("filters by sender, date range, attachment, image, voice note and link, and pages with a keyset cursor", async () => {
    const [alice, bob] = await makeUsers(2, "SearchFilter");
    const w = word();
    const { conversation } = await startDirectConversation(alice!.id, bob!.id);
    const first = await send(alice!.id, conversation.id, `mine ${w}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const middle = await send(bob!.id, conversation.id, `see https://example.com ${w}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
    process.env.PARLEY_IMAGE_HOSTS = "res.cloudinary.com";
    try {
      await send(bob!.id, conversation.id, `picture ${w}`, "https://res.cloudinary.com/x/y.png");
    } finally {
      delete process.env.PARLEY_IMAGE_HOSTS;
    }
    expect(await bodies(alice!.id, { q: w, from: alice!.id })).toEqual([`mine ${w}`]);
    expect(await bodies(alice!.id, { q: w, has: "link" })).toEqual([`see https://example.com ${w}`]);
    expect(await bodies(alice!.id, { q: w, has: "image" })).toEqual([`picture ${w}`]);
    // "attachment" is any attached file: the message image, or an attachment of any kind (issue 14).
    expect(await bodies(alice!.id, { q: w, has: "attachment" })).toEqual([`picture ${w}`]);
    expect(
      await bodies(alice!.id, { q: w, after: first.createdAt, before: new Date(Date.parse(middle.createdAt) + 1).toISOString() }),
    ).toEqual([`see https://example.com ${w}`]);
    const one = await searchMessages(alice!.id, { q: w, limit: 2 });
    expect(one.hits).toHaveLength(2);
    const two = await searchMessages(alice!.id, { q: w, limit: 2, cursor: one.nextCursor! });
    expect(two.hits.map((h) => h.message.body)).toEqual([`mine ${w}`]);
    expect(two.nextCursor).toBeNull();

    // Attachments of issue 14: any kind counts as "attachment", an image attachment as "image".
    const withFile = async (body: string, kind: string) => {
      const message = await send(bob!.id, conversation.id, body);
      await attachTo(message, kind, bob!.id);
    };
    await withFile(`report ${w}`, "file");
    await withFile(`snapshot ${w}`, "image");
    await withFile(`listen ${w}`, "voice");
    expect(await bodies(alice!.id, { q: w, has: "attachment" })).toEqual([`listen ${w}`, `snapshot ${w}`, `report ${w}`, `picture ${w}`]);
    expect(await bodies(alice!.id, { q: w, has: "image" })).toEqual([`snapshot ${w}`, `picture ${w}`]);
    expect(await bodies(alice!.id, { q: w, has: "voice" })).toEqual([`listen ${w}`]);
  });

  it("refuses bad input as 400", async () => {
    const [alice] = await makeUsers(1, "SearchBad");
    for (const input of [
      {},
      { q: "a" },
      { q: "   " },
      { q: "x".repeat(101) },
      { q: "ok\u0000k" },
      { q: "ok", has: "video" },
      { q: "ok", before: "yesterday" },
      { q: "ok", cursor: "nope" },
      { q: "ok", conversationId: "1 OR 1" },
    ]) {
      await expect(searchMessages(alice!.id, input)).rejects.toMatchObject({ code: "bad_request" });
    }
  });

  it("has a per-user budget (429 with Retry-After beyond it; another user unaffected)", async () => {
    const [alice, bob] = await makeUsers(2, "SearchBudget");
    setUserBudgetsForTests(createUserBudgets(new MemoryRateLimitStore(), { messageSearches: 2 }));
    try {
      await searchMessages(alice!.id, { q: "hello" });
      await searchMessages(alice!.id, { q: "hello" });
      await expect(searchMessages(alice!.id, { q: "hello" })).rejects.toMatchObject({ code: "rate_limited" });
      await expect(searchMessages(bob!.id, { q: "hello" })).resolves.toMatchObject({ hits: [] });
    } finally {
      setUserBudgetsForTests(null);
    }
  });
});

describe("message search: the SQL path and the Prisma path give the same answers", () => {
  // PostgreSQL reads the ids of a page with one SQL statement, MongoDB with Prisma filters
  // (lib/chat/search/reads.ts): on PostgreSQL both run, and every query of this table, for every
  // reader, page by page, must give the same pages (ids, order, snippets, cursors) on both.
  it("for every reader, query and filter, page by page", async () => {
    setUserBudgetsForTests(createUserBudgets(new MemoryRateLimitStore(), { messageSearches: 100_000 }));
    try {
      const [alice, bob, carol, dave] = await makeUsers(4, "SearchSame");
      const w = word();
      const t0 = Date.now() - 60 * 60_000;
      const at = (minutes: number) => new Date(t0 + minutes * 60_000);
      const { conversation: ab } = await startDirectConversation(alice!.id, bob!.id);
      const { conversation: cut } = await startDirectConversation(alice!.id, carol!.id);
      const { conversation: bc } = await startDirectConversation(bob!.id, carol!.id);
      const group = await createGroup(bob!.id, { name: "Same group", memberIds: [alice!.id, carol!.id] });
      const left = await createGroup(carol!.id, { name: "Same left", memberIds: [alice!.id, bob!.id, dave!.id] });
      // One row at a time (createManyAndReturn is not on the MongoDB client this file also type-checks against).
      const insert = async (conversationId: string, rows: { senderId: string; body: string | null; at: Date; image?: string }[]) => {
        const created = [];
        for (const { senderId, body, at: createdAt, image } of rows) {
          created.push(
            await db.message.create({
              data: { conversationId, senderId, body, image, searchText: messageSearchText(body), createdAt },
              select: { id: true, createdAt: true, conversationId: true },
            }),
          );
        }
        return created;
      };
      const bodiesOf = [
        `plain ${w}`,
        `Crème brûlée ${w} foo`,
        `see https://example.com/${w}`,
        `http://old.example ${w} foo`,
        `100% ${w}`,
        `under_score ${w}`,
        `back\\slash ${w}`,
        `${w}`,
        `foo bar`,
      ];
      // Each chat gets every body from two senders, some at the same instant (the id breaks the tie).
      const chats = [
        { id: ab.id, senders: [alice!.id, bob!.id] },
        { id: cut.id, senders: [carol!.id, alice!.id] },
        { id: bc.id, senders: [bob!.id, carol!.id] },
        { id: group.id, senders: [carol!.id, bob!.id] },
        { id: left.id, senders: [dave!.id, alice!.id] },
      ];
      const inserted: { id: string; createdAt: Date; conversationId: string }[] = [];
      for (const [c, chat] of chats.entries()) {
        inserted.push(
          ...(await insert(
            chat.id,
            bodiesOf.map((body, k) => ({
              senderId: chat.senders[k % 2]!,
              body,
              at: at(k % 3 === 0 ? 10 : k + c / 10),
              image: k % 4 === 1 ? "https://res.cloudinary.com/x/y.png" : undefined,
            })),
          )),
        );
      }
      // Attachments (issue 14) on some: voice notes, image files and documents.
      for (const [k, message] of inserted.entries()) {
        const kind = k % 5 === 2 ? "voice" : k % 7 === 3 ? "image" : k % 6 === 4 ? "file" : null;
        if (kind) await attachTo({ ...message, createdAt: message.createdAt.toISOString() }, kind, alice!.id);
      }
      // A picture without text, deleted for everyone, deleted for Alice, Alice's cut-off in `cut`
      // (with a match exactly at it and after it), and a group Alice left.
      await insert(ab.id, [{ senderId: bob!.id, body: null, at: at(20), image: "https://res.cloudinary.com/x/z.png" }]);
      const [gone, hidden] = await insert(ab.id, [
        { senderId: bob!.id, body: `gone ${w}`, at: at(21) },
        { senderId: bob!.id, body: `hidden ${w}`, at: at(22) },
      ]);
      await deleteMessage(bob!.id, gone!.id, { scope: "everyone" });
      await deleteMessage(alice!.id, hidden!.id, { scope: "me" });
      await removeConversationForMe(alice!.id, cut.id);
      const { historyFrom } = await db.conversationMemberState.findUniqueOrThrow({
        where: { conversationId_userId: { conversationId: cut.id, userId: alice!.id } },
        select: { historyFrom: true },
      });
      await insert(cut.id, [
        { senderId: carol!.id, body: `at the cut-off ${w}`, at: historyFrom! },
        { senderId: carol!.id, body: `after the cut-off ${w} foo`, at: new Date(historyFrom!.getTime() + 1) },
      ]);
      await removeConversationForMe(alice!.id, left.id);

      const middle = inserted[Math.floor(inserted.length / 2)]!.createdAt;
      const inputs: Record<string, unknown>[] = [
        { q: w },
        { q: `${w} foo` },
        { q: `FOO ${w}` },
        { q: w.slice(0, -2) },
        { q: `brulee ${w}` },
        { q: "foo" },
        { q: `% ${w}` },
        { q: `_ ${w}` },
        { q: `\\ ${w}` },
        { q: `' OR 1=1 -- ${w}` },
        { q: w, from: bob!.id },
        { q: w, from: carol!.id },
        { q: w, from: dave!.id },
        ...chats.map((chat) => ({ q: w, conversationId: chat.id })),
        { q: w, before: middle.toISOString() },
        { q: w, after: middle.toISOString() },
        { q: w, after: at(3).toISOString(), before: at(10).toISOString() },
        { q: w, has: "attachment" },
        { q: w, has: "image" },
        { q: w, has: "link" },
        { q: w, has: "voice" },
        { q: `foo ${w}`, has: "attachment" },
        { q: "foo", has: "link", from: bob!.id },
        { q: w, conversationId: ab.id, from: bob!.id, has: "image", after: at(0).toISOString() },
      ];
      const pagesOf = async (path: SearchPath, actorId: string, input: Record<string, unknown>, limit: number) => {
        const pages = [];
        let cursor: string | undefined;
        do {
          const page = await searchMessagesVia(path, actorId, { ...input, limit, ...(cursor ? { cursor } : {}) });
          pages.push(page);
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        return pages;
      };
      let hits = 0;
      for (const reader of [alice!, bob!, carol!, dave!]) {
        for (const input of inputs) {
          for (const limit of [3, 50]) {
            const viaSql = await pagesOf("sql", reader.id, input, limit);
            expect(viaSql, JSON.stringify({ reader: reader.name, input, limit })).toEqual(await pagesOf("prisma", reader.id, input, limit));
            hits += viaSql.reduce((n, page) => n + page.hits.length, 0);
          }
        }
      }
      // The table is not empty answers: Alice sees her chats' matches but not the hidden ones.
      expect(hits).toBeGreaterThan(500);
      const alices = (await pagesOf("sql", alice!.id, { q: w }, 50)).flatMap((page) => page.hits.map((h) => h.message.body));
      expect(alices).toContain(`after the cut-off ${w} foo`);
      expect(alices).not.toContain(`at the cut-off ${w}`);
      expect(alices).not.toContain(`hidden ${w}`);
      expect(alices).toHaveLength(8 + 8 + 1); // the 1:1 with Bob, the group, after the cut-off
    } finally {
      setUserBudgetsForTests(null);
    }
  });
});

describe("history around a message", () => {
  it("returns the message with a page before and after it, and cursors both ways", async () => {
    const [alice, bob] = await makeUsers(2, "Around");
    const { conversation } = await startDirectConversation(alice!.id, bob!.id);
    const sent = [];
    for (let i = 0; i < 9; i += 1) {
      sent.push(await send(i % 2 ? alice!.id : bob!.id, conversation.id, `n${i}`));
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const page = await listMessages(alice!.id, conversation.id, { around: sent[4]!.id, limit: 2 });
    expect(page.messages.map((m) => m.body)).toEqual(["n6", "n5", "n4", "n3", "n2"]);
    expect(page).toMatchObject({ hasOlder: true, hasNewer: true });
    const older = await listMessages(alice!.id, conversation.id, { before: page.olderCursor!, limit: 10 });
    expect(older.messages.map((m) => m.body)).toEqual(["n1", "n0"]);
    const newer = await listMessages(alice!.id, conversation.id, { after: page.newerCursor!, limit: 10 });
    expect(newer.messages.map((m) => m.body)).toEqual(["n8", "n7"]);

    const edge = await listMessages(alice!.id, conversation.id, { around: sent[8]!.id, limit: 2 });
    expect(edge.messages.map((m) => m.body)).toEqual(["n8", "n7", "n6"]);
    expect(edge).toMatchObject({ hasOlder: true, hasNewer: false });
  });

  it("is 404 for a message of another chat, one hidden by 'delete for me', and for non-members", async () => {
    const [alice, bob, carol] = await makeUsers(3, "AroundDeny");
    const { conversation } = await startDirectConversation(alice!.id, bob!.id);
    const { conversation: other } = await startDirectConversation(bob!.id, carol!.id);
    const old = await send(bob!.id, conversation.id, "old");
    const elsewhere = await send(bob!.id, other.id, "elsewhere");
    await expect(listMessages(alice!.id, conversation.id, { around: elsewhere.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(listMessages(carol!.id, conversation.id, { around: old.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(listMessages(alice!.id, conversation.id, { around: "5be1f5e38ec8f3b6a3db28a1" })).rejects.toMatchObject({
      code: "not_found",
    });
    await removeConversationForMe(alice!.id, conversation.id);
    await expect(listMessages(alice!.id, conversation.id, { around: old.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(listMessages(alice!.id, conversation.id, { around: old.id, before: "x" })).rejects.toMatchObject({ code: "bad_request" });
  });
});
