import { describe, expect, it } from "vitest";
import { buildContext, toMessageBody } from "./context";

const BOT = "bot";
const row = (senderId: string, body: string | null, image: string | null = null) => ({ senderId, body, image });

describe("buildContext", () => {
  it("turns the newest-first rows into user/assistant messages, oldest first", () => {
    expect(buildContext([row("me", "thanks"), row(BOT, "an answer"), row("me", "a question")], BOT, 1000)).toEqual([
      { role: "user", content: "a question" },
      { role: "assistant", content: "an answer" },
      { role: "user", content: "thanks" },
    ]);
  });

  it("stops at the character cap, always keeping (the end of) the newest message", () => {
    const rows = [row("me", "x".repeat(30)), row("me", "y".repeat(30)), row("me", "z".repeat(30))];
    expect(buildContext(rows, BOT, 70).map((m) => m.content)).toEqual(["y".repeat(30), "x".repeat(30)]);
    expect(buildContext([row("me", "abcdef")], BOT, 3)).toEqual([{ role: "user", content: "def" }]);
  });

  it("starts with the user, skips empty rows and names images", () => {
    expect(buildContext([row("me", null, "/api/uploads/a.png"), row("me", null), row(BOT, "hi")], BOT, 100)).toEqual([
      { role: "user", content: "[image]" },
    ]);
  });
});

describe("toMessageBody", () => {
  it("removes NUL and lone surrogates, neutralises mention tokens, trims and caps the length", () => {
    expect(toMessageBody("  a\u0000b\uD800c <@someone> ", 100)).toBe("abc < @someone>");
    const capped = toMessageBody("y".repeat(50), 10);
    expect(capped).toHaveLength(10);
    expect(capped.endsWith("…")).toBe(true);
    expect(toMessageBody("<script>alert(1)</script>", 100)).toBe("<script>alert(1)</script>");
  });
});
