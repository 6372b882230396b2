// Limits of message search (no zod here: client components import them).
export const SEARCH_LIMITS = {
  queryMin: 2,
  queryMax: 100,
  /** At most this many words are matched (ANDed); more is refused. */
  wordsMax: 8,
  pageMax: 50,
  pageDefault: 20,
  /** Characters of a snippet around its first match. */
  snippetLength: 160,
} as const;

/**
 * What the `has` filter may ask for, with the label the UI shows: "attachment" is any attached file
 * (the message image or any attachment of issue 14), "image" a picture (the message image or an
 * image attachment), "voice" a voice note, "link" a web link.
 */
export const SEARCH_HAS = { attachment: "Attachment", image: "Photo", voice: "Voice note", link: "Link" } as const;
export type SearchHas = keyof typeof SEARCH_HAS;
export const SEARCH_HAS_VALUES = Object.keys(SEARCH_HAS) as [SearchHas, ...SearchHas[]];
