// Keyset conditions over (createdAt, id), the order of every message read, and the parsing of a
// cursor argument into a position.
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { isValidId } from "./access";
import { decodeCursor, encodeCursor, type CursorPosition } from "./cursor";

/** Older than `p` in (createdAt desc, id desc) order: for messages, and for any row keyed the same way (stars). */
export const olderThan = (p: CursorPosition) =>
  ({
    OR: [{ createdAt: { lt: p.at } }, { createdAt: p.at, id: { lt: p.id } }],
  }) satisfies Prisma.MessageWhereInput & Prisma.StarredMessageWhereInput;
export const newerThan = (p: CursorPosition): Prisma.MessageWhereInput => ({
  OR: [{ createdAt: { gt: p.at } }, { createdAt: p.at, id: { gt: p.id } }],
});
export const atOrNewer = (p: CursorPosition): Prisma.MessageWhereInput => ({
  OR: [{ createdAt: { gt: p.at } }, { createdAt: p.at, id: { gte: p.id } }],
});
export const upTo = (p: CursorPosition): Prisma.MessageWhereInput => ({
  OR: [{ createdAt: { lt: p.at } }, { createdAt: p.at, id: { lte: p.id } }],
});

/** The position of an optional cursor argument; a cursor that decodes to a foreign id is bad input. */
export function cursorArg(value: string | undefined): CursorPosition | null {
  if (!value) return null;
  const position = decodeCursor(value);
  if (!position || !isValidId(position.id)) throw new AppError("bad_request", "cursor is not a valid cursor");
  return position;
}

/** Sent before `p` in (sentAt desc, id desc) order: the gallery's attachments and links; none without a cursor. */
export const sentBefore = (p: CursorPosition | null) =>
  (p ? { OR: [{ sentAt: { lt: p.at } }, { sentAt: p.at, id: { lt: p.id } }] } : {}) satisfies Prisma.AttachmentWhereInput &
    Prisma.MessageLinkWhereInput;

/** A page read with `take: limit + 1`: its first `limit` rows, and the cursor after them when more follow. */
export function keysetPage<T>(rows: T[], limit: number, positionOf: (row: T) => { at: Date; id: string }) {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > limit && last ? encodeCursor(positionOf(last)) : null };
}
