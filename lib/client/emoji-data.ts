"use client";
// The emoji picker's data, served by Parley itself (no CDN: the app works offline and its CSP
// allows no third-party fetch): emojibase-data's English dataset, imported on demand so it becomes
// its own chunk, downloaded only when a picker opens, and turned into frimousse's EmojiData.
import type { EmojiData } from "frimousse";

const TONES: Record<string, keyof EmojiData["skinTones"]> = {
  "1F3FB": "light",
  "1F3FC": "medium-light",
  "1F3FD": "medium",
  "1F3FE": "medium-dark",
  "1F3FF": "dark",
};
/** Emojibase's group 2: skin-tone and hair components, not emoji one reacts with. */
const COMPONENT_GROUP = 2;

interface CompactEmoji {
  unicode: string;
  label: string;
  hexcode: string;
  group?: number;
  order?: number;
  tags?: string[];
  skins?: { unicode: string; hexcode: string }[];
}

let loaded: Promise<EmojiData> | null = null;

export function loadEmojiData(): Promise<EmojiData> {
  loaded ??= Promise.all([import("emojibase-data/en/compact.json"), import("emojibase-data/en/messages.json")]).then(
    ([compact, messages]) => toEmojiData(compact.default as CompactEmoji[], messages.default),
  );
  return loaded;
}

function toEmojiData(
  emojis: CompactEmoji[],
  messages: { groups: { key: string; message: string; order: number }[]; skinTones: { key: string; message: string }[] },
): EmojiData {
  const categories = messages.groups
    .filter((g) => g.order !== COMPONENT_GROUP)
    .map((g, index) => ({ index, label: g.message.charAt(0).toUpperCase() + g.message.slice(1), order: g.order }));
  const categoryOf = new Map(categories.map((c) => [c.order, c.index]));
  return {
    locale: "en",
    categories: categories.map(({ index, label }) => ({ index, label })),
    skinTones: Object.fromEntries(messages.skinTones.map((t) => [t.key, t.message])) as EmojiData["skinTones"],
    emojis: emojis
      .filter((e) => e.group !== undefined && categoryOf.has(e.group))
      .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
      .map((e) => {
        const skins: Partial<EmojiData["skinTones"]> = {};
        for (const skin of e.skins ?? []) {
          const tones = skin.hexcode.split("-").filter((part) => TONES[part]);
          if (tones.length === 1) skins[TONES[tones[0]!]!] = skin.unicode;
        }
        return {
          emoji: e.unicode,
          category: categoryOf.get(e.group!)!,
          label: e.label,
          version: 0,
          tags: e.tags ?? [],
          ...(Object.keys(skins).length === 5 ? { skins: skins as EmojiData["skinTones"] } : {}),
        };
      }),
  };
}
