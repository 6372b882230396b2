// Which messages a reader sees, as conditions other reads compose (history, search, previews,
// unread counts): not deleted for me (MessageHidden), and — where content matters (search, unread)
// — not deleted for everyone. MongoDB: a filter on `null` no longer matches a document without the
// field (Prisma ≥ 3.11), and messages written before issue 13 have no `deletedAt`, so there the
// condition also accepts an unset field (`isSet: false`, a MongoDB-only filter, hence the cast).
import "server-only";
import { serverEnv } from "@/lib/config/env";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Not deleted for everyone. */
export function notDeletedWhere(): Prisma.MessageWhereInput {
  return serverEnv().databaseProvider === "mongodb"
    ? ({ OR: [{ deletedAt: null }, { deletedAt: { isSet: false } }] } as unknown as Prisma.MessageWhereInput)
    : { deletedAt: null };
}

/** Not deleted by `actorId` for themselves ("delete for me"). */
export function notHiddenForWhere(actorId: string): Prisma.MessageWhereInput {
  return { hiddenFor: { none: { userId: actorId } } };
}

/** Rows hanging off a message I can see: not deleted for everyone, not deleted for me (the gallery). */
export function ofVisibleMessageWhere(actorId: string) {
  return { message: { is: { AND: [{ deletedAt: null }, notHiddenForWhere(actorId)] } } } satisfies Prisma.AttachmentWhereInput &
    Prisma.MessageLinkWhereInput;
}
