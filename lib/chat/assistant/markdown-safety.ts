// The safety rules of the assistant's markdown (components/assistant/markdown.tsx), kept apart so
// they are plain functions with their own tests. Browser-safe.
import { safeHref } from "@/lib/chat/messages/rich-text";

/** The elements an answer may produce (anything else is unwrapped to its text). */
export const ALLOWED_ELEMENTS =
  "p br strong em del code pre a img ul ol li h1 h2 h3 h4 h5 h6 blockquote hr table thead tbody tr th td".split(" ");

/**
 * The href to render for a link, or null to render its text only: the chat's own link rule
 * (`safeHref`: absolute http, https or mailto URLs), so a relative or protocol-relative target,
 * `javascript:`, `data:`, `vbscript:`, `file:`… (however cased or entity-encoded: the markdown
 * parser has decoded it) are dropped. A scheme written with control characters or spaces in the
 * source ("java\tscript:") is dropped too, whatever the URL parser makes of it.
 */
export function safeLinkHref(href: string | null | undefined): string | null {
  if (!href) return null;
  const safe = safeHref(href);
  if (!safe || !href.toLowerCase().startsWith(new URL(safe).protocol)) return null;
  return safe;
}

/**
 * Text that would make the markdown parser recurse deeply or work quadratically (a line indented
 * or quoted 100 deep, 32 brackets or 64 emphasis delimiters in a row: no real answer has them, a hostile
 * one can): shown as plain text instead, so a crafted answer can neither overflow the stack nor
 * freeze the tab while it streams.
 */
export function tooDeepForMarkdown(text: string): boolean {
  return /^[ \t>*+-]{100,}|[[\]]{32,}|(?:[*_~]\s*){64,}/m.test(text);
}

/** The language label of a fenced block from its `language-*` class (short and plain, or null). */
export function codeLanguage(className: unknown): string | null {
  const classes = Array.isArray(className) ? className : typeof className === "string" ? className.split(" ") : [];
  for (const name of classes) {
    if (typeof name !== "string" || !name.startsWith("language-")) continue;
    const language = name.slice("language-".length);
    return /^[\w+#.-]{1,24}$/.test(language) ? language : null;
  }
  return null;
}

interface HastLike {
  type: string;
  value?: unknown;
  children?: HastLike[];
}

/** The text of a syntax-tree node (a code block's content). */
export function textOfHast(node: HastLike | undefined): string {
  if (!node) return "";
  if (node.type === "text") return typeof node.value === "string" ? node.value : "";
  return (node.children ?? []).map(textOfHast).join("");
}
