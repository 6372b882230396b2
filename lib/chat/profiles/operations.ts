// My public profile details (issue 15): a unique username (case-insensitive: stored lower case
// under a unique index on PostgreSQL; checked by the operation as well, which is the rule on
// MongoDB) and an about line. Both optional: an account without a username can only be found by
// its verified e-mail, or by name by people who already share a chat or are contacts with it
// (lib/chat/people/search.ts).
import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isUniqueViolation, isValidId } from "@/lib/chat/kernel/access";
import { command, outcome } from "@/lib/chat/kernel/events";
import { parseInput } from "@/lib/chat/kernel/input";
import type { ProfileDetails } from "./dto";
import { profileDetailsSchema, type ProfileDetailsInput } from "./schemas";

export const USERNAME_TAKEN = "This username is taken. Choose another.";
const taken = () => new AppError("conflict", USERNAME_TAKEN, { username: [USERNAME_TAKEN] });

/** Whether `username` (normalized) belongs to someone other than `exceptUserId`. */
export async function isUsernameTaken(username: string, exceptUserId?: string): Promise<boolean> {
  const owner = await db.user.findFirst({ where: { username }, select: { id: true } });
  return owner !== null && owner.id !== exceptUserId;
}

/** Maps a unique violation on `username` (two people claiming one name at once) to its 409. */
export function usernameConflict(error: unknown): AppError | null {
  if (!isUniqueViolation(error)) return null;
  const target = (error as { meta?: { target?: unknown } }).meta?.target;
  const text = Array.isArray(target) ? target.join(",") : String(target ?? "");
  return text.includes("username") ? taken() : null;
}

/** Reads my username and about line (the settings page). */
export async function getProfileDetails(actorId: string): Promise<ProfileDetails> {
  if (!isValidId(actorId)) throw new AppError("unauthorized", "Please sign in to continue.");
  const user = await db.user.findUnique({ where: { id: actorId }, select: { username: true, about: true } });
  if (!user) throw new AppError("not_found", "This account no longer exists.");
  return { username: user.username, about: user.about };
}

/**
 * Sets my username and/or about line (a field left out stays; an empty one clears it). A username
 * someone else holds, in any case, is 409 with the field's message; a reserved or malformed one is 400.
 */
export const setProfileDetails = command(async (actorId: string, input: ProfileDetailsInput | Record<string, unknown>) => {
  const parsed = parseInput(profileDetailsSchema, input);
  if (!isValidId(actorId)) throw new AppError("unauthorized", "Please sign in to continue.");
  const data: { username?: string | null; about?: string | null } = {};
  if (parsed.username !== undefined) data.username = parsed.username;
  if (parsed.about !== undefined) data.about = parsed.about;
  if (data.username && (await isUsernameTaken(data.username, actorId))) throw taken();
  let user: ProfileDetails;
  try {
    user = await db.user.update({ where: { id: actorId }, data, select: { username: true, about: true } });
  } catch (error) {
    throw usernameConflict(error) ?? error;
  }
  return outcome(user);
});
