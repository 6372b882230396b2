// What a reaction may be: exactly one emoji, as Unicode recommends them (RGI_Emoji: single emoji,
// skin tones, flags, keycaps, ZWJ sequences), one grapheme, at most EMOJI_MAX_LENGTH UTF-16 units.
// A text-style emoji without its variation selector ("❤") is accepted as its emoji form ("❤️"),
// the form pickers produce, so one emoji is stored one way. Pure and browser-safe.
export const EMOJI_MAX_LENGTH = 32;

// The `v` flag (Unicode sets) is what makes \p{RGI_Emoji} available (Node 20, every current browser).
const RGI_EMOJI = new RegExp("^\\p{RGI_Emoji}$", "v");

const graphemeCount = (value: string): number =>
  Array.from(new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(value)).length;

/** The emoji in its stored form, or null when `value` is not exactly one emoji. */
export function normalizeEmoji(value: string): string | null {
  if (value.length === 0 || value.length > EMOJI_MAX_LENGTH) return null;
  const candidate = RGI_EMOJI.test(value) ? value : RGI_EMOJI.test(`${value}\uFE0F`) ? `${value}\uFE0F` : null;
  if (candidate === null || candidate.length > EMOJI_MAX_LENGTH || graphemeCount(candidate) !== 1) return null;
  return candidate;
}
