// The one place a reader's view of a person is decided (issue 15): a read that shows people selects
// `audienceSelect(readerId)` beside them and asks `sees(readerId, person, field)` before it returns
// their last activity, photo or about line. Used by chat summaries (conversations/reads.ts), people
// search and contacts (people/person.ts), and presence (realtime/authorize.ts, `onlineVisibleInChat`).
import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Audience } from "./dto";

/** The person's settings and whether the reader is one of their contacts (at most one row). */
export const audienceSelect = (readerId: string) =>
  ({
    privacy: { select: { lastSeen: true, photo: true, about: true, readReceipts: true } },
    contacts: { where: { contactId: readerId }, select: { id: true }, take: 1 },
  }) as const satisfies Prisma.UserSelect;

export interface AudienceRow {
  id: string;
  privacy: { lastSeen: string; photo: string; about: string; readReceipts?: boolean } | null;
  contacts: { id: string }[];
}

/** Whether `readerId` may see `field` of `person`: always themself; else by the person's audience. */
export function sees(readerId: string, person: AudienceRow, field: "lastSeen" | "photo" | "about"): boolean {
  if (person.id === readerId) return true;
  const audience = (person.privacy?.[field] ?? "everyone") as Audience;
  return audience === "everyone" || (audience === "contacts" && person.contacts.length > 0);
}

/**
 * Whether every other member of `conversationId` may see `userId` online (presence is per chat:
 * whoever joins its presence channel is shown to all of its members). "nobody" never, "contacts"
 * only when all the others are their contacts.
 */
export async function onlineVisibleInChat(userId: string, conversationId: string): Promise<boolean> {
  const setting = await db.privacySetting.findUnique({ where: { userId }, select: { lastSeen: true } });
  const audience = (setting?.lastSeen ?? "everyone") as Audience;
  if (audience === "everyone") return true;
  const others: Prisma.UserWhereInput = { conversations: { some: { id: conversationId } }, id: { not: userId } };
  const hidden = audience === "nobody" ? others : { AND: [others, { contactOf: { none: { ownerId: userId } } }] };
  return (await db.user.count({ where: hidden })) === 0;
}
