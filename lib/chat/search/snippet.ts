// Snippets: the part of a body around its first match, split into plain-text segments.
import type { SnippetSegment } from "./dto";
import { SEARCH_LIMITS } from "./limits";
import { foldWithMap } from "./normalize";

/** Segments of `body` around the matches of `words` (already folded); never HTML. */
export function snippet(body: string | null, words: string[], length: number = SEARCH_LIMITS.snippetLength): SnippetSegment[] {
  if (!body) return [];
  const { folded, origin } = foldWithMap(body);
  const ranges: Array<[number, number]> = [];
  for (const word of words) {
    if (!word) continue;
    for (let at = folded.indexOf(word); at !== -1; at = folded.indexOf(word, at + word.length)) {
      const start = origin[at]!;
      const lastUnit = at + word.length - 1;
      const last = origin[lastUnit]!;
      // The end is after the whole original character the last folded unit came from.
      let end = last + (body.codePointAt(last)! > 0xffff ? 2 : 1);
      // …and after the combining marks that belong to it (folded away, so not in `origin`).
      while (end < body.length && /\p{M}/u.test(body[end]!)) end += 1;
      ranges.push([start, end]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const range of ranges) {
    const previous = merged.at(-1);
    if (previous && range[0] <= previous[1]) previous[1] = Math.max(previous[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  const firstStart = merged[0]?.[0] ?? 0;
  let from = Math.max(0, firstStart - Math.floor(length / 4));
  const to = Math.min(body.length, from + length);
  from = Math.max(0, Math.min(from, to - length));
  // Do not cut a surrogate pair.
  if (from > 0 && /[\uDC00-\uDFFF]/.test(body[from]!)) from -= 1;
  const segments: SnippetSegment[] = [];
  const push = (text: string, match: boolean) => {
    if (text) segments.push({ text, match });
  };
  let at = from;
  if (from > 0) push("…", false);
  for (const [start, end] of merged) {
    if (end <= from || start >= to) continue;
    push(body.slice(at, Math.max(at, start)), false);
    push(body.slice(Math.max(at, start), Math.min(end, to)), true);
    at = Math.min(end, to);
  }
  push(body.slice(at, to), false);
  if (to < body.length) push("…", false);
  return segments;
}
