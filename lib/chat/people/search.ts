// People search (the People tab, the new-group dialog and the People group of global search): the
// people I can reach (./reach.ts, the one place those rules live) who match the query. There is no
// directory of every user for strangers:
// - Anyone I can reach by their exact username ("ada_l" or "@Ada_L": usernames are stored lower
//   case), or, when the query is an e-mail address, by that exact address if its owner verified it
//   (an unverified address may belong to someone who merely typed it at sign-up).
// - By name only the people I already know (share a chat with, or my contacts): a name containing
//   the query (case-insensitive). Known people come first.
// The result never contains emails (safe fields, username and about only; photo and about as the
// person's privacy settings allow this reader: people/person.ts), so a search cannot
// harvest addresses; confirming that one known, verified address is registered is the accepted
// trade-off of "find by email". The query is text: LIKE wildcards are escaped (kernel/like.ts), in
// the e-mail too: Prisma 6.19 compares an insensitive `equals` with ILIKE, so "%@example.com"
// listed every verified address of a domain before (tests/integration/people-search.test.ts).
import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isValidId } from "@/lib/chat/kernel/access";
import { parseInput } from "@/lib/chat/kernel/input";
import { likeLiteral } from "@/lib/chat/kernel/like";
import type { Person } from "@/lib/chat/profiles/dto";
import { USERNAME_PATTERN, normalizeUsername } from "@/lib/chat/profiles/limits";
import { assertPeopleSearchAllowed } from "@/lib/rate-limit/user-budgets";
import { personSelect, toPerson } from "./person";
import { knownTo, reachableBy } from "./reach";
import { PEOPLE_LIMITS, userSearchSchema } from "./schemas";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const byName = [{ name: "asc" }, { id: "asc" }] satisfies Prisma.UserOrderByWithRelationInput[];

export async function searchUsers(actorId: string, input: { query?: unknown }): Promise<Person[]> {
  const { query } = parseInput(userSearchSchema, input);
  if (!isValidId(actorId)) return [];
  await assertPeopleSearchAllowed(actorId);
  const reachable = reachableBy(actorId);
  const exact: Prisma.UserWhereInput[] = [];
  const handle = normalizeUsername(query);
  if (USERNAME_PATTERN.test(handle)) exact.push({ username: handle });
  if (EMAIL.test(query)) exact.push({ email: { equals: likeLiteral(query), mode: "insensitive" }, emailVerified: { not: null } });
  const [known, others] = await Promise.all([
    db.user.findMany({
      where: { AND: [reachable, knownTo(actorId), { name: { contains: likeLiteral(query), mode: "insensitive" } }] },
      select: personSelect(actorId),
      orderBy: byName,
      take: PEOPLE_LIMITS.userSearchMax,
    }),
    exact.length > 0
      ? db.user.findMany({
          where: { AND: [reachable, { OR: exact }] },
          select: personSelect(actorId),
          orderBy: byName,
          take: PEOPLE_LIMITS.userSearchMax,
        })
      : [],
  ]);
  const seen = new Set(known.map((user) => user.id));
  return [...known, ...others.filter((user) => !seen.has(user.id))]
    .slice(0, PEOPLE_LIMITS.userSearchMax)
    .map((row) => toPerson(actorId, row));
}
