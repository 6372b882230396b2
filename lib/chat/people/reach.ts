// Who can reach whom: the one place the rules live. Today every other registered user may be
// contacted (start a 1:1, be added to a group); contacts and blocks (issue 15) and privacy settings
// add their conditions here, and people search, the People group of global search, starting a 1:1
// and creating a group all follow at once.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Users `actorId` may contact: never themself, never the assistant's bot user (its chat starts from
 * Settings, lib/chat/assistant/), nobody who blocked them or whom they blocked (lib/chat/blocks/).
 */
export function reachableBy(actorId: string): Prisma.UserWhereInput {
  return {
    id: { not: actorId },
    assistantBot: { is: null },
    blocksMade: { none: { blockedId: actorId } },
    blocksReceived: { none: { blockerId: actorId } },
  };
}

/** People `actorId` shares a conversation with. */
export function sharesConversationWith(actorId: string): Prisma.UserWhereInput {
  return { conversations: { some: { users: { some: { id: actorId } } } } };
}

/** People `actorId` already knows: shares a conversation with, or has among their contacts (lib/chat/contacts). */
export function knownTo(actorId: string): Prisma.UserWhereInput {
  return { OR: [sharesConversationWith(actorId), { contactOf: { some: { ownerId: actorId } } }] };
}
