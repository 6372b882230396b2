// A person as people search and contacts show them to a reader (issue 15): the safe user, their
// username, and their photo and about line only when their privacy settings let this reader see
// them (lib/chat/privacy/rules.ts).
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { safeUserSelect } from "@/lib/chat/kernel/access";
import { audienceSelect, sees, type AudienceRow } from "@/lib/chat/privacy/rules";
import type { Person } from "@/lib/chat/profiles/dto";

export const personSelect = (readerId: string) =>
  ({ ...safeUserSelect, username: true, about: true, ...audienceSelect(readerId) }) as const satisfies Prisma.UserSelect;

type PersonRow = AudienceRow & { name: string | null; image: string | null; username: string | null; about: string | null };

export function toPerson(readerId: string, row: PersonRow): Person {
  return {
    id: row.id,
    name: row.name,
    image: sees(readerId, row, "photo") ? row.image : null,
    username: row.username,
    about: sees(readerId, row, "about") ? row.about : null,
  };
}
