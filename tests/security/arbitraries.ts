// fast-check generators of hostile input: wrong types, huge strings, unicode edge cases,
// prototype-pollution keys, invalid and foreign ids.
import fc from "fast-check";
import { newId } from "./support";

export const EDGE_STRINGS = [
  "",
  " ",
  "\u0000",
  "\u0000abc",
  "\uD800", // lone high surrogate
  "\uDFFF",
  "\uFEFF",
  "\u202Eevil\u202C", // right-to-left override
  "\u200B\u200C\u200D",
  "e\u0301\u0301\u0301\u0301",
  "𝕏𝔸🏳️‍🌈👨‍👩‍👧‍👦",
  "null",
  "undefined",
  "NaN",
  "-1",
  "1e309",
  "0x10",
  "[]",
  "{}",
  "true",
  "__proto__",
  "constructor",
  "prototype",
  "../../../../etc/passwd",
  "..%2f..%2fetc%2fpasswd",
  "C:\\Windows\\win.ini",
  "' OR '1'='1' --",
  '"; DROP TABLE "Message"; --',
  "$where",
  '{"$gt": ""}',
  "<script>alert(1)</script>",
  "javascript:alert(1)",
  "%00%0d%0aSet-Cookie: x=1",
  "\r\n\r\nHTTP/1.1 200 OK",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "000000000000000000000000",
  "ZZZZZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZZZZZZZZZ",
];

const huge = fc
  .tuple(fc.constantFrom("a", "é", "𝕏", "\u0000", "<", " "), fc.constantFrom(2_001, 10_000, 70_000, 300_000))
  .map(([c, n]) => c.repeat(n));

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...EDGE_STRINGS) },
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: huge },
  { weight: 2, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.stringMatching(/^[0-9a-f]{24}$/) },
);

const POLLUTION_KEYS = ["__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty"];

export const anyValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    nastyString,
    fc.integer(),
    fc.double(),
    fc.constantFrom(null, true, false, 0, -0, Number.MAX_SAFE_INTEGER, 1e308),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...POLLUTION_KEYS), fc.string({ maxLength: 8 })), tie("value"), { maxKeys: 4 }),
  ),
})).value;

/** A field value: usually plausible, often hostile, sometimes missing. */
export function field(plausible: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: plausible },
    { weight: 3, arbitrary: anyValue },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

/** Request body text: JSON of an object with the given fields, plus pollution keys, or broken/non-object JSON. */
export function bodyText(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<string> {
  const object = fc.record(
    Object.fromEntries(Object.entries(fields).map(([k, a]) => [k, field(a)])) as Record<string, fc.Arbitrary<unknown>>,
  );
  const withPollution = fc.tuple(object, fc.constantFrom(...POLLUTION_KEYS), anyValue).map(([o, key, v]) => {
    const text = JSON.stringify(o);
    const extra = `"${key}":${JSON.stringify({ polluted: true, value: v ?? null })}`;
    return text === "{}" ? `{${extra}}` : `{${extra},${text.slice(1)}`;
  });
  return fc.oneof(
    { weight: 6, arbitrary: object.map((o) => JSON.stringify(o)) },
    { weight: 2, arbitrary: withPollution },
    { weight: 1, arbitrary: anyValue.map((v) => JSON.stringify(v) ?? "") },
    { weight: 1, arbitrary: fc.constantFrom("", "{", '{"a":', "null", "[]", '"str"', "1", "{}}", "\u0000", '{"id":1,"id":2}') },
    { weight: 1, arbitrary: nastyString },
  );
}

export const idLike = (valid: () => string): fc.Arbitrary<string> =>
  fc.oneof({ weight: 2, arbitrary: fc.constant(null).map(() => valid()) }, { weight: 3, arbitrary: nastyString });

export const messageIdArb = fc.oneof({ weight: 3, arbitrary: fc.constant(null).map(() => newId()) }, { weight: 2, arbitrary: nastyString });
