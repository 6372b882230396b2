// Reads of contacts (issue 15): my contacts, alphabetical, my pending requests (received and
// sent) and my open group invitations (lib/chat/group-invitations/reads.ts). A request from someone I blocked or who blocked me is not in my inbox; the sender still
// sees theirs as pending (a block is silent). Photos and about lines as each person's privacy allows.
import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isValidId } from "@/lib/chat/kernel/access";
import { reachableBy } from "@/lib/chat/people/reach";
import { personSelect, toPerson } from "@/lib/chat/people/person";
import type { Person } from "@/lib/chat/profiles/dto";
import type { ContactRequestDto, ContactRequestStatus, ContactsOverview } from "./dto";
import { pendingGroupInvitations } from "@/lib/chat/group-invitations/reads";

/** At most this many contacts and requests each are listed. */
export const CONTACTS_LIST_MAX = 1_000;

const byName = (a: Person, b: Person) =>
  (a.name ?? "").localeCompare(b.name ?? "", undefined, { sensitivity: "base" }) || a.id.localeCompare(b.id);

const toRequest = (row: { id: string; status: string; createdAt: Date }, user: Person): ContactRequestDto => ({
  id: row.id,
  status: row.status as ContactRequestStatus,
  createdAt: row.createdAt.toISOString(),
  user,
});

export async function contactsOverview(actorId: string): Promise<ContactsOverview> {
  if (!isValidId(actorId)) throw new AppError("unauthorized", "Please sign in to continue.");
  const requestSelect = { id: true, status: true, createdAt: true } as const;
  const newestFirst = [{ createdAt: "desc" as const }, { id: "desc" as const }];
  const [contacts, incoming, outgoing, groupInvitations] = await Promise.all([
    db.contact.findMany({
      where: { ownerId: actorId, contact: { deletedAt: null } },
      select: { contact: { select: personSelect(actorId) } },
      take: CONTACTS_LIST_MAX,
    }),
    db.contactRequest.findMany({
      where: { toId: actorId, status: "pending", from: { AND: [{ deletedAt: null }, reachableBy(actorId)] } },
      select: { ...requestSelect, from: { select: personSelect(actorId) } },
      orderBy: newestFirst,
      take: CONTACTS_LIST_MAX,
    }),
    db.contactRequest.findMany({
      where: { fromId: actorId, status: "pending", to: { deletedAt: null } },
      select: { ...requestSelect, to: { select: personSelect(actorId) } },
      orderBy: newestFirst,
      take: CONTACTS_LIST_MAX,
    }),
    pendingGroupInvitations(actorId),
  ]);
  return {
    contacts: contacts.map((row) => toPerson(actorId, row.contact)).sort(byName),
    incoming: incoming.map((row) => toRequest(row, toPerson(actorId, row.from))),
    outgoing: outgoing.map((row) => toRequest(row, toPerson(actorId, row.to))),
    groupInvitations,
  };
}
