// Reads of the receipts capability that other capabilities compose into their queries.
import type { Prisma } from "@/lib/generated/prisma/client";
import { notDeletedWhere, notHiddenForWhere } from "@/lib/chat/message-actions/visibility";

/**
 * Messages the actor has not seen and did not send (the unread count of the list). A message
 * deleted for everyone or for me is nothing to read, so it does not count (issue 13).
 */
export function unreadWhere(actorId: string): Prisma.MessageWhereInput {
  return { senderId: { not: actorId }, seen: { none: { id: actorId } }, AND: [notDeletedWhere(), notHiddenForWhere(actorId)] };
}
