// The text of a message as a tree of typed nodes (pure, browser-safe): code blocks (```…```),
// inline code (`…`), links (http, https and mailto only, validated with the URL parser), *bold*,
// _italic_ and mentions (<@userId>, lib/chat/mentions). components/chat/message/rich-text.tsx
// turns the nodes into React elements — text is only ever a text node, never HTML, so nothing a
// sender types can become markup, a script or a javascript: link.
import { MENTION_TOKEN } from "@/lib/chat/mentions/tokens";

export type RichNode =
  | { type: "text"; text: string }
  | { type: "link"; href: string; text: string }
  | { type: "bold"; children: RichNode[] }
  | { type: "italic"; children: RichNode[] }
  | { type: "code"; text: string }
  | { type: "codeBlock"; text: string }
  | { type: "mention"; userId: string };

/** The link schemes that become links; anything else stays text. */
export const LINK_PROTOCOLS: readonly string[] = ["http:", "https:", "mailto:"];

const CODE_BLOCK = /```(?:\n)?([\s\S]*?)```/g;
// One alternative per inline kind (the leftmost match wins; at one position, the first alternative):
// inline code, a mention, a link, *bold*, _italic_. Emphasis opens after a non-word character and
// closes before one, so snake_case_names and 2*3*4 stay text.
const INLINE = new RegExp(
  [
    "`([^`\\n]+)`",
    MENTION_TOKEN.source,
    '((?:https?:\\/\\/|mailto:)[^\\s<>"]+)',
    "(?<![\\p{L}\\p{N}*])\\*(?=\\S)([^*\\n]*?\\S)\\*(?![\\p{L}\\p{N}*])",
    "(?<![\\p{L}\\p{N}_])_(?=\\S)([^_\\n]*?\\S)_(?![\\p{L}\\p{N}_])",
  ].join("|"),
  "gu",
);

/** Parses a message body into nodes. Bodies are bounded by the send limit; the parse is linear-ish. */
export function parseRichText(body: string): RichNode[] {
  const nodes: RichNode[] = [];
  let at = 0;
  for (const match of body.matchAll(CODE_BLOCK)) {
    if (match.index > at) nodes.push(...parseInline(body.slice(at, match.index)));
    nodes.push({ type: "codeBlock", text: match[1]!.replace(/\n$/, "") });
    at = match.index + match[0].length;
  }
  if (at < body.length) nodes.push(...parseInline(body.slice(at)));
  return nodes;
}

function parseInline(text: string, depth = 0): RichNode[] {
  const nodes: RichNode[] = [];
  const pushText = (value: string) => {
    if (!value) return;
    const last = nodes.at(-1);
    if (last?.type === "text") last.text += value;
    else nodes.push({ type: "text", text: value });
  };
  const pattern = new RegExp(INLINE.source, INLINE.flags);
  let at = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const [whole, code, mention, url, bold, italic] = match;
    pushText(text.slice(at, match.index));
    at = match.index + whole.length;
    if (code !== undefined) nodes.push({ type: "code", text: code });
    else if (mention !== undefined) nodes.push({ type: "mention", userId: mention });
    else if (url !== undefined) {
      const trimmed = trimUrl(url);
      const href = safeHref(trimmed);
      if (href) nodes.push({ type: "link", href, text: trimmed });
      else pushText(trimmed);
      at = match.index + trimmed.length;
      pattern.lastIndex = at;
    } else if (bold !== undefined || italic !== undefined) {
      // Emphasis nests (a link in bold, italic in bold) a few levels deep, no further.
      const inner = depth < 3 ? parseInline((bold ?? italic)!, depth + 1) : [{ type: "text" as const, text: (bold ?? italic)! }];
      nodes.push(bold !== undefined ? { type: "bold", children: inner } : { type: "italic", children: inner });
    }
  }
  pushText(text.slice(at));
  return nodes;
}

/** Sentence punctuation after a link is not part of it, nor is a closing bracket it did not open. */
function trimUrl(url: string): string {
  let end = url.length;
  for (;;) {
    const last = url[end - 1];
    if (last !== undefined && ".,;:!?'\"".includes(last)) end -= 1;
    else if (last === ")" && count(url.slice(0, end), "(") < count(url.slice(0, end), ")")) end -= 1;
    else break;
  }
  return url.slice(0, end);
}

const count = (text: string, char: string) => text.split(char).length - 1;

/** The normalized href of a link the message may show, or null (another scheme, no host, unparsable). */
export function safeHref(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (!LINK_PROTOCOLS.includes(url.protocol)) return null;
  if (url.protocol !== "mailto:" && !url.hostname) return null;
  if (url.protocol === "mailto:" && url.pathname.length === 0) return null;
  return url.href;
}
