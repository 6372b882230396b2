// People search (the People tab, the new-group dialog and the People group of global search): the
// people I can reach (./reach.ts, the one place those rules live) who match the query.
// - People I share a conversation with: a name containing the query (case-insensitive), listed first.
// - Anyone else I can reach: a name starting with the query or with a word starting with it
//   ("Ada Lovelace" by "ada" or "lov", not by "ve"), or, when the query is an email address, that
//   exact address if its owner has verified it (an unverified address may belong to someone who
//   merely typed it at sign-up).
// The result never contains emails (safe fields only), so a search cannot harvest addresses;
// confirming that one known, verified address is registered is the accepted trade-off of "find by
// email". The query is text: LIKE wildcards are escaped (kernel/like.ts), in the e-mail too: Prisma
// 6.19 compares an insensitive `equals` with ILIKE, so "%@example.com" listed every verified
// address of a domain before (tests/integration/people-search.test.ts).
import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isValidId, safeUserSelect } from "@/lib/chat/kernel/access";
import type { SafeUser } from "@/lib/chat/kernel/dto";
import { parseInput } from "@/lib/chat/kernel/input";
import { likeLiteral } from "@/lib/chat/kernel/like";
import { assertPeopleSearchAllowed } from "@/lib/rate-limit/user-budgets";
import { reachableBy, sharesConversationWith } from "./reach";
import { PEOPLE_LIMITS, userSearchSchema } from "./schemas";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const byName = [{ name: "asc" }, { id: "asc" }] satisfies Prisma.UserOrderByWithRelationInput[];

export async function searchUsers(actorId: string, input: { query?: unknown }): Promise<SafeUser[]> {
  const { query } = parseInput(userSearchSchema, input);
  if (!isValidId(actorId)) return [];
  await assertPeopleSearchAllowed(actorId);
  const text = likeLiteral(query);
  const reachable = reachableBy(actorId);
  const anyone: Prisma.UserWhereInput[] = [
    { name: { startsWith: text, mode: "insensitive" } },
    { name: { contains: ` ${text}`, mode: "insensitive" } },
  ];
  if (EMAIL.test(query)) anyone.push({ email: { equals: likeLiteral(query), mode: "insensitive" }, emailVerified: { not: null } });
  const [contacts, others] = await Promise.all([
    db.user.findMany({
      where: { AND: [reachable, sharesConversationWith(actorId), { name: { contains: text, mode: "insensitive" } }] },
      select: safeUserSelect,
      orderBy: byName,
      take: PEOPLE_LIMITS.userSearchMax,
    }),
    db.user.findMany({
      where: { AND: [reachable, { OR: anyone }] },
      select: safeUserSelect,
      orderBy: byName,
      take: PEOPLE_LIMITS.userSearchMax,
    }),
  ]);
  const seen = new Set(contacts.map((user) => user.id));
  return [...contacts, ...others.filter((user) => !seen.has(user.id))].slice(0, PEOPLE_LIMITS.userSearchMax);
}
