// Search folding, browser-safe and pure: the same function writes Message.searchText at send time,
// folds the query, and maps a match in the folded text back to the original body for snippets.
// Folding per character: NFKD, combining marks removed, lower case ("Éte" → "ete", "ﬁ" → "fi").
import { MENTION_TOKEN } from "@/lib/chat/mentions/tokens";

const MARKS = /\p{M}/gu;

function foldChar(char: string): string {
  return char.normalize("NFKD").replace(MARKS, "").toLowerCase();
}

/** The folded text, e.g. `Crème  Brûlée` → `creme  brulee` (whitespace kept as is). */
export function foldForSearch(text: string): string {
  let out = "";
  for (const char of text) out += foldChar(char);
  return out;
}

/** Message.searchText of a body: folded, mention tokens (ids) left out so a search never matches an id. */
export function messageSearchText(body: string | null): string | null {
  return body === null ? null : foldForSearch(body.replace(MENTION_TOKEN, " "));
}

/** The folded text and, for each of its UTF-16 units, the index in `text` of the character it came from. */
export function foldWithMap(text: string): { folded: string; origin: number[] } {
  let folded = "";
  const origin: number[] = [];
  let index = 0;
  for (const char of text) {
    const f = foldChar(char);
    folded += f;
    for (let i = 0; i < f.length; i += 1) origin.push(index);
    index += char.length;
  }
  return { folded, origin };
}

/** The words of a query, folded, distinct, longest first (empty when the query has none). */
export function queryWords(query: string): string[] {
  const words = foldForSearch(query).split(/\s+/u).filter(Boolean);
  return [...new Set(words)].sort((a, b) => b.length - a.length);
}
