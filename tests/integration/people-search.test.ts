// People search (lib/chat/people/search.ts) and who can be reached (lib/chat/people/reach.ts), on the
// real database: the people I share a conversation with by any part of their name and first; anyone
// else only by their exact username (with or without "@", any case) or their exact verified address,
// never by a part of their name (no directory of every user for strangers); never me, never an
// e-mail; and the query is text (LIKE wildcards match only themselves).
import { afterAll, describe, expect, it } from "vitest";
import { createGroup, startDirectConversation } from "@/lib/chat/conversations/operations";
import { searchUsers } from "@/lib/chat/people/search";
import { db } from "@/lib/db/client";
import { makeUsers, uniqueTag } from "@/tests/support/chat-fixtures";

afterAll(() => db.$disconnect());

const ids = async (actorId: string, query: string) => (await searchUsers(actorId, { query })).map((u) => u.id);

async function named(name: string, email?: string) {
  return db.user.create({
    data: { name, email: email ?? `${uniqueTag()}@people.test`, hashedPassword: "x" },
    select: { id: true, name: true, email: true },
  });
}

describe("people search: the people I can reach", () => {
  it("finds people I share a chat with by any part of their name, and lists them first", async () => {
    const tag = uniqueTag().replace(/[^a-z]/g, "");
    const me = await named(`Searcher ${tag}`);
    const contact = await named(`Zed Quartermain${tag}`);
    const stranger = await named(`Ann Quartermain${tag}`);
    await startDirectConversation(me.id, contact.id);
    // Inside a word: a contact is found, a stranger is not.
    expect(await ids(me.id, `termain${tag}`)).toEqual([contact.id]);
    // A stranger is not found by any part of their name, not even all of it.
    expect(await ids(me.id, `quartermain${tag}`)).toEqual([contact.id]);
    expect(await ids(me.id, "ANN QUARTERMAIN" + tag)).toEqual([]);
    // Never me; only safe fields, the username and the about line.
    expect(await ids(me.id, `searcher ${tag}`)).toEqual([]);
    for (const user of await searchUsers(me.id, { query: `quartermain${tag}` }))
      expect(Object.keys(user).sort()).toEqual(["about", "id", "image", "name", "username"]);
    expect(stranger.id).toBeTruthy();
  });

  it("finds a stranger by their exact username, with or without @ and in any case, never by a part of it", async () => {
    const tag = uniqueTag()
      .replace(/[^a-z0-9]/g, "")
      .slice(-12);
    const me = await named(`Finder ${tag}`);
    const stranger = await named(`Hidden Person ${tag}`);
    await db.user.update({ where: { id: stranger.id }, data: { username: `hp_${tag}`, about: "Knitting" } });
    expect(await ids(me.id, `hp_${tag}`)).toEqual([stranger.id]);
    expect(await ids(me.id, `@HP_${tag.toUpperCase()}`)).toEqual([stranger.id]);
    expect(await ids(me.id, `hp_${tag.slice(0, -1)}`)).toEqual([]);
    expect(await ids(me.id, `Hidden Person ${tag}`)).toEqual([]);
    const [found] = await searchUsers(me.id, { query: `@hp_${tag}` });
    expect(found).toEqual({ id: stranger.id, name: `Hidden Person ${tag}`, image: null, username: `hp_${tag}`, about: "Knitting" });
    // A username is no wildcard either.
    expect(await ids(me.id, `hp%${tag}`)).toEqual([]);
  });

  it("counts group members as reachable contacts, and people of a group I left no more", async () => {
    const [me, a, b] = await makeUsers(3, "Reach");
    const group = await createGroup(me!.id, { name: "Reach group", memberIds: [a!.id, b!.id] });
    const inner = a!.name!.slice(2); // "ach 1 <tag>": inside the first word
    expect(await ids(me!.id, inner)).toEqual([a!.id]);
    await db.conversation.update({ where: { id: group.id }, data: { users: { disconnect: [{ id: me!.id }] } } });
    expect(await ids(me!.id, inner)).toEqual([]);
  });

  it("finds a stranger by their exact verified address only, and never by a wildcard in it", async () => {
    const tag = uniqueTag().replace(/[^a-z0-9]/g, "");
    const [me] = await makeUsers(1, "Mailer");
    const verified = await named(`Verified ${tag}`, `v.${tag}@people.test`);
    const unverified = await named(`Unverified ${tag}`, `u.${tag}@people.test`);
    await db.user.update({ where: { id: verified.id }, data: { emailVerified: new Date() } });
    expect(await ids(me!.id, `V.${tag}@PEOPLE.TEST`)).toEqual([verified.id]);
    expect(await ids(me!.id, unverified.email!)).toEqual([]);
    // Prisma compares an insensitive `equals` with ILIKE: unescaped, these listed verified addresses.
    expect(await ids(me!.id, `%${tag}@people.test`)).toEqual([]);
    expect(await ids(me!.id, `_.${tag}@people.test`)).toEqual([]);
    expect(await ids(me!.id, "%@%.test")).toEqual([]);
  });

  it("treats the query as text: %, _ and \\ match only themselves", async () => {
    const tag = uniqueTag().replace(/[^a-z]/g, "");
    const [me] = await makeUsers(1, "Wild");
    const plain = await named(`Plain ${tag}`);
    const underscored = await named(`Under_score ${tag}`);
    await startDirectConversation(me!.id, plain.id);
    await startDirectConversation(me!.id, underscored.id);
    expect(await ids(me!.id, `_ ${tag}`)).toEqual([]);
    expect(await ids(me!.id, `%${tag}`)).toEqual([]);
    expect(await ids(me!.id, `\\${tag}`)).toEqual([]);
    expect(await ids(me!.id, `r_score ${tag}`)).toEqual([underscored.id]);
    expect(await ids(me!.id, `P% ${tag}`)).toEqual([]);
  });

  it("refuses bad input as 400 and returns nobody for an id this database cannot hold", async () => {
    const [me] = await makeUsers(1, "PeopleBad");
    await expect(searchUsers(me!.id, { query: "  " })).rejects.toMatchObject({ code: "bad_request" });
    await expect(searchUsers(me!.id, { query: "a" })).rejects.toMatchObject({ code: "bad_request" });
    expect(await searchUsers("5be1f5e38ec8f3b6a3db28a1", { query: "Peo" })).toEqual([]);
  });
});
