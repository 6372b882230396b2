// The gallery's Links tab (issue 14): the web links of a chat's messages, stored with the message
// (send and edit keep them in step with the text), listed newest first with a keyset cursor, for
// members only and within what each member can see (delete for everyone, delete for me).
import { afterAll, describe, expect, it } from "vitest";
import { linksOf, LINKS_PER_MESSAGE_MAX } from "@/lib/chat/links/extract";
import { listLinks } from "@/lib/chat/links/reads";
import { startDirectConversation } from "@/lib/chat/conversations/operations";
import { deleteMessage, editMessage } from "@/lib/chat/message-actions/operations";
import { newMessageId } from "@/lib/chat/kernel/ids";
import { sendMessage } from "@/lib/chat/messages/send";
import { makeUsers } from "@/tests/support/chat-fixtures";
import { db } from "@/lib/db/client";
import { backfillMessageLinks } from "@/lib/chat/links/backfill";
import { runDataMigrations } from "@/lib/db/data-migrations";

afterAll(() => db.$disconnect());

const send = async (actorId: string, conversationId: string, body: string) =>
  (await sendMessage(actorId, conversationId, { id: newMessageId("postgresql"), body })).message.id;
const urls = async (actorId: string, conversationId: string, input: Record<string, unknown> = {}) =>
  (await listLinks(actorId, conversationId, input)).items.map((item) => item.url);

describe("links of a message's text", () => {
  it("are the http(s) links the bubble shows, distinct, in order — not code, not other schemes", () => {
    expect(
      linksOf(
        "see https://example.com/a, *bold http://www.b.org/x?y=1* and `https://code.example` " +
          "or mailto:x@y.z javascript:alert(1) https://example.com/a again\n```\nhttps://block.example\n```",
      ),
    ).toEqual(["https://example.com/a", "http://www.b.org/x?y=1"]);
    expect(linksOf(null)).toEqual([]);
    expect(linksOf("no links here")).toEqual([]);
    const many = Array.from({ length: 30 }, (_, i) => `https://h${i}.example`).join(" ");
    expect(linksOf(many)).toHaveLength(LINKS_PER_MESSAGE_MAX);
    expect(linksOf(`https://long.example/${"a".repeat(3000)}`)).toEqual([]);
  });
});

describe("the Links tab", () => {
  it("lists a chat's links newest first, paginated, following edits and deletes, for members only", async () => {
    const [alice, bob, stranger] = await makeUsers(3, "Links");
    const { conversation } = await startDirectConversation(alice!.id, bob!.id);
    const id = conversation.id;
    await send(alice!.id, id, "first https://one.example/page");
    await send(bob!.id, id, "no link");
    const both = await send(bob!.id, id, "two: https://two.example and https://www.three.example/x.");
    const edited = await send(alice!.id, id, "typo https://fuor.example");

    const page = await listLinks(bob!.id, id, { limit: 2 });
    expect(page.items.map((item) => item.url)).toEqual(["https://fuor.example/", "https://two.example/"]);
    expect(page.items[0]).toMatchObject({ host: "fuor.example", senderId: alice!.id, messageId: edited });
    const rest = await listLinks(bob!.id, id, { limit: 2, cursor: page.nextCursor! });
    expect(rest.items.map((item) => item.url)).toEqual(["https://www.three.example/x", "https://one.example/page"]);
    expect(rest.items[0]!.host).toBe("three.example");
    expect(rest.nextCursor).toBeNull();

    // An edit replaces the message's links with the new text's.
    await editMessage(alice!.id, edited, { body: "fixed https://four.example" });
    expect((await urls(bob!.id, id))[0]).toBe("https://four.example/");
    await editMessage(alice!.id, edited, { body: "no link after all" });
    expect(await urls(bob!.id, id)).not.toContain("https://four.example/");

    // Delete for me hides them from me only; delete for everyone removes them.
    await deleteMessage(alice!.id, both, { scope: "me" });
    expect(await urls(alice!.id, id)).toEqual(["https://one.example/page"]);
    expect(await urls(bob!.id, id)).toHaveLength(3);
    await deleteMessage(bob!.id, both, { scope: "everyone" });
    expect(await urls(bob!.id, id)).toEqual(["https://one.example/page"]);
    expect(await db.messageLink.count({ where: { messageId: both } })).toBe(0);

    await expect(listLinks(stranger!.id, id, {})).rejects.toMatchObject({ code: "not_found" });
    await expect(listLinks(bob!.id, id, { cursor: "not-a-cursor" })).rejects.toMatchObject({ code: "bad_request" });
    await expect(listLinks(bob!.id, "nope", {})).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("the backfill of messages sent before links were recorded", () => {
  it("adds the rows the parser finds, once: not for a deleted message nor a link in code; a second run adds nothing", async () => {
    const [alice, bob] = await makeUsers(2, "Backfill");
    const { conversation } = await startDirectConversation(alice!.id, bob!.id);
    const id = conversation.id;
    // Written the way the code before 20261201134940_message_links did: a message row, no links.
    const old = async (body: string, minutesAgo: number, extra: { deletedAt?: Date } = {}) =>
      (
        await db.message.create({
          data: {
            id: newMessageId("postgresql"),
            body,
            conversationId: id,
            senderId: alice!.id,
            createdAt: new Date(Date.now() - minutesAgo * 60_000),
            ...extra,
          },
          select: { id: true },
        })
      ).id;
    const two = await old("see https://old.example/a and *http://www.older.example/b*", 30);
    const inCode = await old("`https://code.example` and\n```\nhttps://block.example\n```", 20);
    const deleted = await old("gone https://deleted.example", 10, { deletedAt: new Date() });
    const plain = await old("no link, just the word http", 5);
    const recent = await send(alice!.id, id, "new https://new.example");
    expect(await urls(bob!.id, id)).toEqual(["https://new.example/"]);

    // Small batches, so the keyset walks several pages.
    await backfillMessageLinks(db, "postgresql", { batchSize: 2 });
    expect(await urls(bob!.id, id)).toEqual(["https://new.example/", "https://old.example/a", "http://www.older.example/b"]);
    const rows = await db.messageLink.findMany({ where: { messageId: two }, orderBy: { position: "asc" } });
    expect(rows.map((row) => [row.position, row.conversationId, row.sentAt.getTime()])).toEqual([
      [0, id, expect.any(Number)],
      [1, id, rows[0]!.sentAt.getTime()],
    ]);
    expect(rows[0]!.sentAt).toEqual((await db.message.findUniqueOrThrow({ where: { id: two } })).createdAt);
    for (const none of [inCode, deleted, plain]) expect(await db.messageLink.count({ where: { messageId: none } })).toBe(0);

    const count = () => db.messageLink.count({ where: { conversationId: id } });
    const before = await count();
    await backfillMessageLinks(db, "postgresql", { batchSize: 2 });
    expect(await count()).toBe(before);
    expect(await db.messageLink.count({ where: { messageId: recent } })).toBe(1);
  });

  it("runs a data step once per database: recorded when it has finished, not recorded when it failed", async () => {
    const name = `test-step-${newMessageId("postgresql")}`;
    let runs = 0;
    const lines: string[] = [];
    const step = { name, run: async () => `run ${++runs}` };
    const failing = {
      name: `${name}-failing`,
      run: async () => {
        throw new Error("boom");
      },
    };
    expect(await runDataMigrations(db, "postgresql", (line) => lines.push(line), [step])).toEqual([name]);
    expect(await runDataMigrations(db, "postgresql", (line) => lines.push(line), [step])).toEqual([]);
    expect(runs).toBe(1);
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^data migration ${name}: run 1 \\(\\d+ ms\\)$`))]);
    await expect(runDataMigrations(db, "postgresql", undefined, [failing])).rejects.toThrow("boom");
    expect(await db.dataMigration.count({ where: { name: failing.name } })).toBe(0);
    await db.dataMigration.deleteMany({ where: { name } });
  });
});
