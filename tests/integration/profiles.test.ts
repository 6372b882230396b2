// Username and about line (issue 15, lib/chat/profiles/), on the real database: a username is unique
// whatever its case (stored lower case under a unique index), 3–30 of a–z 0–9 _ ., never a reserved
// word; the about line is at most 140 characters; both optional, cleared by an empty value; sign-up
// may set a username; a deleted account gives its username up.
import { afterAll, describe, expect, it } from "vitest";
import { registerUser } from "@/lib/auth/accounts";
import { USERNAME_TAKEN, getProfileDetails, setProfileDetails } from "@/lib/chat/profiles/operations";
import { RESERVED_USERNAMES } from "@/lib/chat/profiles/limits";
import { db } from "@/lib/db/client";
import { makeUsers, uniqueTag } from "@/tests/support/chat-fixtures";

afterAll(() => db.$disconnect());

const handle = () =>
  `u_${uniqueTag()
    .replace(/[^a-z0-9]/g, "")
    .slice(-14)}`;

describe("username", () => {
  it("is stored lower case without its @, and another user cannot take it in any case (409 with the field)", async () => {
    const [me, other] = await makeUsers(2, "Handle");
    const name = handle();
    expect(await setProfileDetails(me!.id, { username: `@${name.toUpperCase()}` })).toEqual({ username: name, about: null });
    expect(await getProfileDetails(me!.id)).toEqual({ username: name, about: null });
    for (const attempt of [name, name.toUpperCase(), `@${name}`]) {
      await expect(setProfileDetails(other!.id, { username: attempt })).rejects.toMatchObject({
        code: "conflict",
        status: 409,
        fields: { username: [USERNAME_TAKEN] },
      });
    }
    // Setting my own again is fine; the unique index holds even past the operation's check.
    expect((await setProfileDetails(me!.id, { username: name })).username).toBe(name);
    await expect(db.user.update({ where: { id: other!.id }, data: { username: name } })).rejects.toMatchObject({ code: "P2002" });
  });

  it("refuses reserved words, wrong lengths and characters with a clear 400 per field", async () => {
    const [me] = await makeUsers(1, "Rules");
    const refused = async (username: string, message: RegExp) => {
      const error = await setProfileDetails(me!.id, { username }).catch((e: unknown) => e);
      expect(error, username).toMatchObject({ code: "bad_request", status: 400 });
      expect((error as { fields: { username: string[] } }).fields.username.join(" "), username).toMatch(message);
    };
    for (const word of ["admin", "Parley", "@support", "AI", "system", "root", "help"]) await refused(word, /reserved/);
    expect(RESERVED_USERNAMES.has("parley")).toBe(true);
    await refused("ab", /at least 3/);
    await refused("a".repeat(31), /at most 30/);
    await refused("ada lovelace", /letters, digits/);
    await refused("ada-l", /letters, digits/);
    await refused("adä", /letters, digits/);
    await refused(".ada", /dot/);
    await expect(setProfileDetails(me!.id, { username: 42 })).rejects.toMatchObject({ code: "bad_request" });
    expect((await getProfileDetails(me!.id)).username).toBeNull();
  });

  it("is cleared by an empty value (any spaces), after which someone else may take it", async () => {
    const [me, other] = await makeUsers(2, "Clear");
    const name = handle();
    await setProfileDetails(me!.id, { username: name, about: "Hello" });
    expect(await setProfileDetails(me!.id, { username: "  " })).toEqual({ username: null, about: "Hello" });
    expect((await setProfileDetails(other!.id, { username: name })).username).toBe(name);
  });

  it("can be chosen at sign-up, and a taken one is refused there too", async () => {
    const name = handle();
    const email = `${name}@profiles.test`;
    const user = await registerUser(
      { name: "Signed Up", email, password: "a long enough passphrase", username: name.toUpperCase() },
      { ip: `10.9.${Math.floor(Math.random() * 200)}.1` },
    );
    expect((await getProfileDetails(user.id)).username).toBe(name);
    await expect(
      registerUser({ name: "Second", email: `x${email}`, password: "a long enough passphrase", username: name }, { ip: "10.9.201.2" }),
    ).rejects.toMatchObject({ code: "conflict", fields: { username: [USERNAME_TAKEN] } });
    await expect(
      registerUser({ name: "Third", email: `y${email}`, password: "a long enough passphrase", username: "admin" }, { ip: "10.9.202.3" }),
    ).rejects.toMatchObject({ code: "bad_request", fields: { username: [expect.stringMatching(/reserved/)] } });
    // Left out or empty: no username.
    const none = await registerUser(
      { name: "None", email: `z${email}`, password: "a long enough passphrase", username: "" },
      { ip: "10.9.203.4" },
    );
    expect((await getProfileDetails(none.id)).username).toBeNull();
  });
});

describe("about line", () => {
  it("holds at most 140 characters of text, trimmed; an empty one clears it; a field left out stays", async () => {
    const [me] = await makeUsers(1, "About");
    expect(await setProfileDetails(me!.id, { about: "  Building Parley  " })).toEqual({ username: null, about: "Building Parley" });
    expect((await setProfileDetails(me!.id, { about: "x".repeat(140) })).about).toHaveLength(140);
    await expect(setProfileDetails(me!.id, { about: "x".repeat(141) })).rejects.toMatchObject({
      code: "bad_request",
      fields: { about: ["The about line is at most 140 characters."] },
    });
    await expect(setProfileDetails(me!.id, { about: "a\u0000b" })).rejects.toMatchObject({ code: "bad_request" });
    const name = handle();
    expect(await setProfileDetails(me!.id, { username: name })).toEqual({ username: name, about: "x".repeat(140) });
    expect(await setProfileDetails(me!.id, { about: "" })).toEqual({ username: name, about: null });
  });

  it("refuses an unknown actor", async () => {
    await expect(setProfileDetails("not-an-id", { about: "hi" })).rejects.toMatchObject({ code: "unauthorized" });
  });
});
