import { describe, expect, it } from "vitest";
import { messageParts } from "./content";

describe("messageParts", () => {
  it("lists the image first, then the text", () => {
    expect(messageParts({ body: "look", image: "/api/uploads/msg-1.png" })).toEqual([
      { kind: "image", url: "/api/uploads/msg-1.png" },
      { kind: "text", text: "look" },
    ]);
  });

  it("leaves out empty fields", () => {
    expect(messageParts({ body: "hi", image: null })).toEqual([{ kind: "text", text: "hi" }]);
    expect(messageParts({ body: null, image: "/a.png" })).toEqual([{ kind: "image", url: "/a.png" }]);
    expect(messageParts({ body: "", image: "" })).toEqual([]);
  });
});
