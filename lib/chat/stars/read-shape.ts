// What starring adds to a history page's messages: whether the reader starred each one, as one
// more relation of the page's single statement (relation joins), so a page stays three statements.
// Per reader, so it is not part of the shared messageSelect (message:new goes to every member).
import type { Prisma } from "@/lib/generated/prisma/client";

export const starredSelect = (readerId: string) =>
  ({ stars: { where: { userId: readerId }, select: { id: true }, take: 1 } }) as const satisfies Prisma.MessageSelect;

/** `{starred: true}` for a message the reader starred, nothing otherwise. */
export const toStarredField = (row: { stars: { id: string }[] }): { starred?: true } => (row.stars.length > 0 ? { starred: true } : {});
