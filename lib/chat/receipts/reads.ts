// Reads of the receipts capability that other capabilities compose into their queries.
import type { Prisma } from "@/lib/generated/prisma/client";

/** Messages the actor has not seen and did not send (the unread count of the list). */
export function unreadWhere(actorId: string): Prisma.MessageWhereInput {
  return { senderId: { not: actorId }, seen: { none: { id: actorId } } };
}
