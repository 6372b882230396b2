import { describe, expect, it } from "vitest";
import { mentionsAsText } from "@/lib/chat/mentions/tokens";
import { parseRichText, safeHref } from "./rich-text";

const text = (value: string) => ({ type: "text", text: value });

describe("parseRichText", () => {
  it("keeps plain text as one text node", () => {
    expect(parseRichText("hello there")).toEqual([text("hello there")]);
  });

  it("makes http, https and mailto links, leaving trailing punctuation out", () => {
    expect(parseRichText("see https://example.com/a?b=1, then.")).toEqual([
      text("see "),
      { type: "link", href: "https://example.com/a?b=1", text: "https://example.com/a?b=1" },
      text(", then."),
    ]);
    expect(parseRichText("(http://x.org/wiki/A_(b))")).toEqual([
      text("("),
      { type: "link", href: "http://x.org/wiki/A_(b)", text: "http://x.org/wiki/A_(b)" },
      text(")"),
    ]);
    expect(parseRichText("mail mailto:a@b.com!")).toEqual([
      text("mail "),
      { type: "link", href: "mailto:a@b.com", text: "mailto:a@b.com" },
      text("!"),
    ]);
  });

  it("never links other schemes or injects markup", () => {
    for (const attack of [
      "javascript:alert(1)",
      "JAVASCRIPT:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox",
      "file:///etc/passwd",
      "<img src=x onerror=alert(1)>",
      '<a href="javascript:alert(1)">x</a>',
    ]) {
      const nodes = parseRichText(attack);
      expect(nodes.every((n) => n.type === "text")).toBe(true);
      expect(nodes.map((n) => (n as { text: string }).text).join("")).toBe(attack);
    }
    // A link that tries to break out of an attribute keeps its quotes and brackets out of the href.
    const [, link] = parseRichText('x https://e.com/"onmouseover="alert(1)');
    expect(link).toEqual({ type: "link", href: "https://e.com/", text: "https://e.com/" });
    const angle = parseRichText("https://e.com/<script>");
    expect(angle[0]).toEqual({ type: "link", href: "https://e.com/", text: "https://e.com/" });
    expect(angle[1]).toEqual(text("<script>"));
    expect(safeHref("https:///nohost")).not.toBeNull(); // the URL parser fills the host: still https
    expect(safeHref("http://")).toBeNull();
    expect(safeHref("mailto:")).toBeNull();
    expect(safeHref("javascript://example.com/%0aalert(1)")).toBeNull();
  });

  it("formats *bold*, _italic_, `code` and ```blocks```, nested where it makes sense", () => {
    expect(parseRichText("a *b* _c_ `d`")).toEqual([
      text("a "),
      { type: "bold", children: [text("b")] },
      text(" "),
      { type: "italic", children: [text("c")] },
      text(" "),
      { type: "code", text: "d" },
    ]);
    expect(parseRichText("*see _this_ https://e.com*")).toEqual([
      {
        type: "bold",
        children: [
          text("see "),
          { type: "italic", children: [text("this")] },
          text(" "),
          { type: "link", href: "https://e.com/", text: "https://e.com" },
        ],
      },
    ]);
    expect(parseRichText("```\nconst a = *1*;\n<b>x</b>\n``` after")).toEqual([
      { type: "codeBlock", text: "const a = *1*;\n<b>x</b>" },
      text(" after"),
    ]);
    // Code is verbatim: no links or emphasis inside.
    expect(parseRichText("`https://e.com *x*`")).toEqual([{ type: "code", text: "https://e.com *x*" }]);
  });

  it("leaves snake_case, arithmetic and lone markers alone", () => {
    for (const plain of ["snake_case_name", "2*3*4", "a * b * c", "_ not _", "*", "``", "unclosed *bold", "``` unclosed"]) {
      expect(parseRichText(plain)).toEqual([text(plain)]);
    }
  });

  it("reads mention tokens as user ids", () => {
    const id = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
    expect(parseRichText(`hi <@${id}>!`)).toEqual([text("hi "), { type: "mention", userId: id }, text("!")]);
    expect(parseRichText("<@not-an-id>")).toEqual([text("<@not-an-id>")]);
    expect(mentionsAsText(`hi <@${id}>`, () => "Bob")).toBe("hi @Bob");
  });
});
