import { describe, expect, it } from "vitest";
import { foldForSearch, queryWords } from "./normalize";
import { snippet } from "./snippet";

describe("search folding", () => {
  it("folds accents, case and compatibility forms", () => {
    expect(foldForSearch("Crème BRÛLÉE ﬁn Ångström")).toBe("creme brulee fin angstrom");
    expect(foldForSearch("e\u0301te\u0301")).toBe("ete");
    expect(queryWords("  Café  cafe CAFÉS ")).toEqual(["cafes", "cafe"]);
  });
});

describe("snippet", () => {
  it("marks every match in the original text, accents and all", () => {
    expect(snippet("Un café, deux CAFES", ["cafe"])).toEqual([
      { text: "Un ", match: false },
      { text: "café", match: true },
      { text: ", deux ", match: false },
      { text: "CAFE", match: true },
      { text: "S", match: false },
    ]);
  });

  it("keeps decomposed accents and astral characters whole", () => {
    expect(snippet("e\u0301te\u0301 😀x", ["ete"])).toEqual([
      { text: "e\u0301te\u0301", match: true },
      { text: " 😀x", match: false },
    ]);
  });

  it("cuts long bodies around the first match", () => {
    const body = `${"a ".repeat(200)}needle${" b".repeat(200)}`;
    const segments = snippet(body, ["needle"], 40);
    expect(segments[0]).toEqual({ text: "…", match: false });
    expect(segments.find((s) => s.match)?.text).toBe("needle");
    expect(segments.at(-1)).toEqual({ text: "…", match: false });
    expect(segments.map((s) => s.text).join("").length).toBeLessThanOrEqual(42);
  });

  it("is empty without a body", () => {
    expect(snippet(null, ["x"])).toEqual([]);
  });
});
