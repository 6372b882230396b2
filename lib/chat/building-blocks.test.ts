// Pure building blocks of the chat domain: ids, cursors, image URLs, input schemas.
import { describe, expect, it } from "vitest";
import { createConversationSchema } from "./conversations/schemas";
import { decodeCursor, encodeCursor } from "./kernel/cursor";
import { isIdFor, isObjectId, isUuid, newMessageId, objectId, uuidv7 } from "./kernel/ids";
import { parseInput } from "./kernel/input";
import { allowedImageHosts, isAllowedImageUrl } from "./messages/images";
import { messagePageSchema, sendMessageSchema } from "./messages/schemas";

describe("ids", () => {
  it("generates time-ordered UUIDv7 and ObjectIds of the right shape", () => {
    const a = uuidv7(1_700_000_000_000);
    const b = uuidv7(1_700_000_000_001);
    expect(isUuid(a)).toBe(true);
    expect(a[14]).toBe("7");
    expect(a < b).toBe(true);
    expect(isObjectId(objectId())).toBe(true);
    expect(isIdFor("postgresql", newMessageId("postgresql"))).toBe(true);
    expect(isIdFor("mongodb", newMessageId("mongodb"))).toBe(true);
    expect(isIdFor("postgresql", objectId())).toBe(false);
    expect(isIdFor("mongodb", uuidv7())).toBe(false);
    expect(new Set(Array.from({ length: 1000 }, () => uuidv7(0))).size).toBe(1000);
  });
});

describe("cursor", () => {
  it("round-trips (timestamp, id) and rejects anything else", () => {
    const id = uuidv7();
    const at = new Date("2026-11-22T01:02:03.456Z");
    const cursor = encodeCursor({ at, id });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual({ at, id });
    expect(decodeCursor(encodeCursor({ at: at.toISOString(), id: objectId() }))?.at).toEqual(at);
    for (const bad of ["", "%%%", "e30", btoa(JSON.stringify([1, "x"])), btoa(JSON.stringify(["1", id])), "a".repeat(300)]) {
      expect(decodeCursor(bad)).toBeNull();
    }
  });
});

describe("images", () => {
  it("allows our uploads and https on allowed hosts only", () => {
    expect(isAllowedImageUrl("/api/uploads/a1.png")).toBe(true);
    expect(isAllowedImageUrl("/api/uploads/msg-0190c0de-7e57-7abc-8def-0123456789ab-thumb.webp")).toBe(true);
    expect(isAllowedImageUrl("/api/uploads/avatars/u1/a.jpg")).toBe(true);
    // No host is allowed by default (issue #12: res.cloudinary.com serves anyone's files); PARLEY_IMAGE_HOSTS adds them.
    expect(isAllowedImageUrl("https://res.cloudinary.com/demo/image.png")).toBe(false);
    expect(isAllowedImageUrl("https://res.cloudinary.com/demo/image.png", ["res.cloudinary.com"])).toBe(true);
    for (const bad of [
      "/api/uploads/../secret.png",
      "/api/uploads/a.svg",
      "/uploads/a1.webp",
      "/api/uploads/a.png?x=1",
      "//evil.example/a.png",
      "http://res.cloudinary.com/a.png",
      "https://res.cloudinary.com.evil.example/a.png",
      "https://user:pw@res.cloudinary.com/a.png",
      "javascript:alert(1)",
      "data:image/png;base64,AA",
    ]) {
      expect(isAllowedImageUrl(bad, ["res.cloudinary.com"]), bad).toBe(false);
    }
    expect(allowedImageHosts({})).toEqual([]);
    expect(allowedImageHosts({ PARLEY_IMAGE_HOSTS: " cdn.example.com ,IMG.example.org" })).toEqual(["cdn.example.com", "img.example.org"]);
  });
});

describe("schemas", () => {
  it("normalizes a message and refuses an empty one", () => {
    const id = uuidv7().toUpperCase();
    expect(parseInput(sendMessageSchema, { id, body: " hi ", image: "" })).toEqual({
      id: id.toLowerCase(),
      body: "hi",
      image: null,
      replyToId: null,
      attachmentIds: [],
    });
    expect(() => parseInput(sendMessageSchema, { id, body: " ", image: null })).toThrow("A message needs text, an image or a file.");
    let thrown: unknown;
    try {
      parseInput(sendMessageSchema, { id: "x", body: "y".repeat(2001) });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({
      code: "bad_request",
      fields: { id: ["must be a valid id"], body: ["must be at most 2000 characters"] },
    });
  });

  it("parses page queries and conversation bodies", () => {
    expect(parseInput(messagePageSchema, {})).toEqual({ limit: 50 });
    expect(parseInput(messagePageSchema, { limit: "7" })).toEqual({ limit: 7 });
    expect(() => parseInput(messagePageSchema, { limit: "51" })).toThrow(/limit must be at most 50/);
    expect(parseInput(createConversationSchema, { type: "direct", userId: uuidv7() }).type).toBe("direct");
    expect(() => parseInput(createConversationSchema, {})).toThrow(/type/);
  });
});
