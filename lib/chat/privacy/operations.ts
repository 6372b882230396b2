// My privacy settings (issue 15): read and change who sees my last seen & online, my photo, my about
// line. A change tells everyone who knows me (shares a chat or a contact with me) with
// `privacy:changed`, whose clients refetch what shows me; a change of "last seen & online" also
// ends my realtime connections after the commit, so my client re-authorizes every presence channel
// under the new rule (realtime/authorize.ts) and others see me go offline (or online) at once. A
// change of read receipts is told to my own tabs as well (every chat of mine shows or hides reads).
import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isValidId } from "@/lib/chat/kernel/access";
import { command, outcome, type DomainEvent } from "@/lib/chat/kernel/events";
import { parseInput } from "@/lib/chat/kernel/input";
import { knownTo } from "@/lib/chat/people/reach";
import { userChannel } from "@/lib/realtime/channels";
import { DEFAULT_PRIVACY, type Audience, type PrivacySettings } from "./dto";
import { PRIVACY_EVENTS } from "./events";
import { privacyInputSchema, type PrivacyInput } from "./schemas";

/** At most this many people who know me are told at once (the rest catch up on their next resync). */
export const PRIVACY_NOTIFY_MAX = 2_000;
const CHANNELS_PER_EVENT = 100;

const signedOut = () => new AppError("unauthorized", "Please sign in to continue.");
const privacySelect = { lastSeen: true, photo: true, about: true, readReceipts: true, groupAdd: true } as const;
type PrivacyRow = { lastSeen: string; photo: string; about: string; readReceipts: boolean; groupAdd: string };
const toSettings = (row: PrivacyRow | null): PrivacySettings =>
  row
    ? {
        lastSeen: row.lastSeen as Audience,
        photo: row.photo as Audience,
        about: row.about as Audience,
        readReceipts: row.readReceipts !== false,
        groupAdd: row.groupAdd === "contacts" ? "contacts" : "everyone",
      }
    : DEFAULT_PRIVACY;

export async function getPrivacy(actorId: string): Promise<PrivacySettings> {
  if (!isValidId(actorId)) throw signedOut();
  return toSettings(await db.privacySetting.findUnique({ where: { userId: actorId }, select: privacySelect }));
}

/** The people who know me, and so may see me somewhere: share a chat with me, or a contact either way. */
async function peopleWhoKnow(actorId: string): Promise<string[]> {
  const rows = await db.user.findMany({
    where: { AND: [{ id: { not: actorId } }, { OR: [knownTo(actorId), { contacts: { some: { contactId: actorId } } }] }] },
    select: { id: true },
    take: PRIVACY_NOTIFY_MAX,
  });
  return rows.map((row) => row.id);
}

export const setPrivacy = command(async (actorId: string, input: PrivacyInput | Record<string, unknown>) => {
  const change = parseInput(privacyInputSchema, input);
  if (!isValidId(actorId)) throw signedOut();
  const before = await getPrivacy(actorId);
  const after = toSettings(
    await db.privacySetting.upsert({
      where: { userId: actorId },
      create: { userId: actorId, ...DEFAULT_PRIVACY, ...change },
      update: change,
      select: privacySelect,
    }),
  );
  const changed = (Object.keys(after) as (keyof PrivacySettings)[]).some((key) => after[key] !== before[key]);
  if (!changed) return outcome(after);
  // Read receipts changed: my own tabs refetch my chats too (their `readsHidden`, lib/chat/receipts/privacy.ts).
  const ids = [...(after.readReceipts !== before.readReceipts ? [actorId] : []), ...(await peopleWhoKnow(actorId))];
  const events: DomainEvent[] = [];
  for (let at = 0; at < ids.length; at += CHANNELS_PER_EVENT) {
    events.push({
      channels: ids.slice(at, at + CHANNELS_PER_EVENT).map(userChannel),
      event: PRIVACY_EVENTS.privacyChanged,
      payload: { userId: actorId },
    });
  }
  return outcome(after, events, after.lastSeen !== before.lastSeen ? { endRealtimeAccessOf: [actorId] } : undefined);
});
