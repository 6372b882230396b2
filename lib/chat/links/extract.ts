// The web links of a message's text, as the gallery's Links tab lists them (issue 14). The same
// parser the bubble renders with decides what is a link, so the tab never lists text that the
// message does not show as a link (code, a javascript: URL, a bare word).
import { newMessageId, type DatabaseProvider } from "@/lib/chat/kernel/ids";
import { parseRichText, type RichNode } from "@/lib/chat/messages/rich-text";

/** At most this many links of one message are listed (a pasted link dump stays one screen). */
export const LINKS_PER_MESSAGE_MAX = 20;
/** Longer URLs are left out rather than cut (a cut URL would lead somewhere else). */
export const LINK_URL_MAX = 2048;

/** The distinct http(s) links of a body, in order of appearance. */
export function linksOf(body: string | null | undefined): string[] {
  if (!body) return [];
  const found: string[] = [];
  const walk = (nodes: RichNode[]) => {
    for (const node of nodes) {
      if (found.length >= LINKS_PER_MESSAGE_MAX) return;
      if (node.type === "link") {
        const web = node.href.startsWith("https://") || node.href.startsWith("http://");
        if (web && node.href.length <= LINK_URL_MAX && !found.includes(node.href)) found.push(node.href);
      } else if (node.type === "bold" || node.type === "italic") walk(node.children);
    }
  };
  walk(parseRichText(body));
  return found;
}

/**
 * The rows a message's links are stored as (createMany data), written with the message. The tab
 * reads (sentAt desc, id desc): the ids are handed out largest first, so one message's links read
 * in the order its text has them.
 */
export function linkRows(
  provider: DatabaseProvider,
  messageId: string,
  conversationId: string,
  sentAt: Date,
  body: string | null | undefined,
) {
  const urls = linksOf(body);
  const ids = urls.map(() => newMessageId(provider)).sort((a, b) => (a < b ? 1 : -1));
  return urls.map((url, position) => ({ id: ids[position]!, messageId, conversationId, position, url, sentAt }));
}
