// People search for starting chats. Matches names (case-insensitive substring) and, when the query
// is an email address, that exact address if its owner has verified it (an unverified address may
// belong to someone who merely typed it at sign-up); the result never contains emails (safe fields
// only), so a search cannot harvest addresses. Confirming that one known, verified address is
// registered is the accepted trade-off of "find by email".
import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isValidId, safeUserSelect } from "@/lib/chat/kernel/access";
import type { SafeUser } from "@/lib/chat/kernel/dto";
import { parseInput } from "@/lib/chat/kernel/input";
import { assertPeopleSearchAllowed } from "@/lib/rate-limit/user-budgets";
import { PEOPLE_LIMITS, userSearchSchema } from "./schemas";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function searchUsers(actorId: string, input: { query?: unknown }): Promise<SafeUser[]> {
  const { query } = parseInput(userSearchSchema, input);
  if (isValidId(actorId)) await assertPeopleSearchAllowed(actorId);
  const match: Prisma.UserWhereInput[] = [{ name: { contains: query, mode: "insensitive" } }];
  if (EMAIL.test(query)) match.push({ email: { equals: query, mode: "insensitive" }, emailVerified: { not: null } });
  return db.user.findMany({
    where: { AND: [isValidId(actorId) ? { id: { not: actorId } } : {}, { OR: match }] },
    select: safeUserSelect,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: PEOPLE_LIMITS.userSearchMax,
  });
}
