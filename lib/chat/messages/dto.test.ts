import { describe, expect, it } from "vitest";
import { toMessageDto } from "./read-shape";

const user = (id: string, photo = "everyone") => ({ id, name: `User ${id}`, image: `/avatars/${id}.webp`, privacy: { photo } });
const row = (sender: string, seen: string[]) => ({
  id: "m1",
  conversationId: "c1",
  body: "hi",
  image: null,
  createdAt: new Date("2026-01-01T00:00:00Z"),
  sender: user(sender),
  seen: seen.map((id) => user(id)),
});

describe("toMessageDto seenBy", () => {
  it("counts the sender as a reader, in id order, although sends do not store it", () => {
    expect(toMessageDto(row("b", [])).seenBy.map((u) => u.id)).toEqual(["b"]);
    expect(toMessageDto(row("b", ["a", "c"])).seenBy.map((u) => u.id)).toEqual(["a", "b", "c"]);
    expect(toMessageDto(row("d", ["a", "c"])).seenBy.map((u) => u.id)).toEqual(["a", "c", "d"]);
  });

  it("does not list a sender twice when the Seen relation holds them (older rows, seed-001 data)", () => {
    expect(toMessageDto(row("b", ["a", "b"])).seenBy.map((u) => u.id)).toEqual(["a", "b"]);
  });
});

describe("toMessageDto photos", () => {
  // A message goes to every member alike (page and event): a photo shown only to contacts or to
  // nobody is left out here; the chat summary gives each reader the photos that are for them.
  it("carries a person's photo only when they show it to everyone", () => {
    const dto = toMessageDto({ ...row("b", []), sender: user("b", "contacts"), seen: [user("a", "nobody"), user("c")] });
    expect(dto.sender.image).toBeNull();
    expect(Object.fromEntries(dto.seenBy.map((u) => [u.id, u.image]))).toEqual({ a: null, b: null, c: "/avatars/c.webp" });
    expect(toMessageDto(row("b", [])).sender.image).toBe("/avatars/b.webp");
  });
});

describe("previewBody", () => {
  it("shows the words of markdown and rich text on one line, mentions kept", async () => {
    const { previewBody } = await import("./dto");
    expect(previewBody("## Summary\n\n- **Alice** asked about [the plan](https://example.com/p)\n- `npm test` fails\n> quoted")).toBe(
      "Summary Alice asked about the plan npm test fails quoted",
    );
    expect(previewBody("```ts\nconst a = 1;\n```")).toBe("const a = 1;");
    expect(previewBody("hi <@0190aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee>, 2*3*4 and snake_case")).toBe(
      "hi <@0190aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee>, 2*3*4 and snake_case",
    );
    expect(previewBody(null)).toBeNull();
    expect(previewBody("x".repeat(500))!.length).toBe(120);
  });
});
