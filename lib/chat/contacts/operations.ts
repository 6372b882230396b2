// Contacts and contact requests (issue 15). I send a request to someone I can reach (people/reach.ts:
// not myself, not the assistant, not a deleted account, nobody who blocked me or whom I blocked: the
// same neutral 404 as an unknown user); they accept (we become contacts: one Contact row each way),
// decline, or I cancel it. One open request per pair (`openKey`, unique on PostgreSQL): sending to
// someone who already asked me accepts theirs; sending again while mine is pending returns it.
// Either of us may remove the contact (both rows go). Every change tells both users' tabs
// (`contacts:changed` on their user channels), which refetch what they may see. Becoming or ceasing
// to be contacts changes what each shows the other under "my contacts" (privacy): each is told
// `privacy:changed` about the other (their chats showing the other refetch), and whoever shows last
// seen & online to contacts only has their realtime connections ended, so every presence channel is
// authorized again under the new rule (privacy/rules.ts onlineVisibleInChat).
import "server-only";
import { acceptRequestsBetween } from "@/lib/chat/message-requests/operations";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isUniqueViolation, isValidId } from "@/lib/chat/kernel/access";
import { command, outcome, type DomainEvent } from "@/lib/chat/kernel/events";
import { parseInput } from "@/lib/chat/kernel/input";
import { reachableBy } from "@/lib/chat/people/reach";
import { entriesOf, markCauseRead, newNotificationEvents, removedNotificationEvents } from "@/lib/chat/notification-center/operations";
import { userChannel } from "@/lib/realtime/channels";
import { PRIVACY_EVENTS } from "@/lib/chat/privacy/events";
import type { ContactRequestStatus } from "./dto";
import { CONTACT_EVENTS } from "./events";
import {
  contactRequestIdSchema,
  contactUserSchema,
  respondContactRequestSchema,
  type ContactRequestIdInput,
  type ContactUserInput,
  type RespondContactRequestInput,
} from "./schemas";

export interface ContactRequestResult {
  id: string;
  status: ContactRequestStatus;
}

const pairKey = (a: string, b: string) => (a < b ? `${a}:${b}` : `${b}:${a}`);
const userNotFound = () => new AppError("not_found", "User not found.");
const requestNotFound = () => new AppError("not_found", "Contact request not found.");
const signedOut = () => new AppError("unauthorized", "Please sign in to continue.");

const changed = (change: ContactRequestStatus | "removed", ...userIds: string[]): DomainEvent[] => [
  { channels: userIds.map(userChannel), event: CONTACT_EVENTS.contactsChanged, payload: { change } },
];

/** What a new or ended contact between `a` and `b` changes beyond the contacts list: see the header. */
async function contactChanged(a: string, b: string): Promise<{ events: DomainEvent[]; endRealtimeAccessOf: string[] }> {
  const contactsOnly = await db.privacySetting.findMany({
    where: { userId: { in: [a, b] }, lastSeen: "contacts" },
    select: { userId: true },
  });
  return {
    events: [
      { channels: [userChannel(a)], event: PRIVACY_EVENTS.privacyChanged, payload: { userId: b } },
      { channels: [userChannel(b)], event: PRIVACY_EVENTS.privacyChanged, payload: { userId: a } },
    ],
    endRealtimeAccessOf: contactsOnly.map((row) => row.userId),
  };
}

/** Whether `ownerId` has `contactId` among their contacts. */
export async function isContact(ownerId: string, contactId: string): Promise<boolean> {
  if (!isValidId(ownerId) || !isValidId(contactId)) return false;
  return (await db.contact.count({ where: { ownerId, contactId } })) > 0;
}

const openRequest = (a: string, b: string) =>
  db.contactRequest.findFirst({ where: { openKey: pairKey(a, b), status: "pending" }, select: { id: true, fromId: true, toId: true } });

/** Accepts or declines the pending request `requestId` sent to me; in one transaction with the contact rows. */
async function settle(actorId: string, requestId: string, accept: boolean) {
  const request = await db.contactRequest.findFirst({
    where: { id: requestId, toId: actorId, status: "pending" },
    select: { id: true, fromId: true },
  });
  if (!request) throw requestNotFound();
  // A request from someone I blocked or who blocked me cannot be accepted (it is not shown either).
  if (accept && !(await db.user.count({ where: { AND: [{ id: request.fromId, deletedAt: null }, reachableBy(actorId)] } })))
    throw requestNotFound();
  const status: ContactRequestStatus = accept ? "accepted" : "declined";
  await db.$transaction(async (tx) => {
    const { count } = await tx.contactRequest.updateMany({
      where: { id: request.id, status: "pending" },
      data: { status, openKey: null, respondedAt: new Date() },
    });
    if (count === 0) throw requestNotFound(); // settled by another tab just now
    if (!accept) return;
    for (const [ownerId, contactId] of [
      [actorId, request.fromId],
      [request.fromId, actorId],
    ] as const) {
      const exists = await tx.contact.count({ where: { ownerId, contactId } });
      if (!exists) await tx.contact.create({ data: { ownerId, contactId }, select: { id: true } });
    }
  });
  // Answered: its entry in my notification center is read (issue 16).
  const read = await markCauseRead({ contactRequestId: request.id, recipientId: actorId });
  if (!accept) return outcome<ContactRequestResult>({ id: request.id, status }, [...changed(status, actorId, request.fromId), ...read]);
  const { events, endRealtimeAccessOf } = await contactChanged(actorId, request.fromId);
  // Contacts now: a message request between us is accepted (lib/chat/message-requests).
  const accepted = await acceptRequestsBetween(actorId, request.fromId, pairKey(actorId, request.fromId));
  return outcome<ContactRequestResult>(
    { id: request.id, status },
    [...changed(status, actorId, request.fromId), ...events, ...read, ...accepted],
    {
      endRealtimeAccessOf,
    },
  );
}

/**
 * Sends a contact request to `userId`: 404 (neutral) for anyone I cannot reach, 409 when we are
 * already contacts, 400 for myself. Returns the pending request (mine, new or already open), or the
 * accepted one when they had asked me first.
 */
export const sendContactRequest = command(async (actorId: string, input: ContactUserInput | Record<string, unknown>) => {
  const { userId } = parseInput(contactUserSchema, input);
  if (!isValidId(actorId)) throw signedOut();
  if (userId === actorId) throw new AppError("bad_request", "You cannot add yourself as a contact.", { userId: ["is you"] });
  const target = await db.user.findFirst({ where: { AND: [{ id: userId, deletedAt: null }, reachableBy(actorId)] }, select: { id: true } });
  if (!target) throw userNotFound();
  if (await isContact(actorId, userId)) throw new AppError("conflict", "You are already contacts.");
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const open = await openRequest(actorId, userId);
    if (open?.fromId === actorId) return outcome<ContactRequestResult>({ id: open.id, status: "pending" });
    if (open) return settle(actorId, open.id, true); // they asked me first: we agree
    try {
      // The request and its entry in their notification center (issue 16), in one transaction.
      const created = await db.$transaction(async (tx) => {
        const request = await tx.contactRequest.create({
          data: { fromId: actorId, toId: userId, openKey: pairKey(actorId, userId) },
          select: { id: true },
        });
        await tx.notification.create({
          data: { recipientId: userId, actorId, kind: "contact_request", contactRequestId: request.id },
          select: { id: true },
        });
        return request;
      });
      const notified = await newNotificationEvents({ contactRequestId: created.id });
      return outcome<ContactRequestResult>({ id: created.id, status: "pending" }, [...changed("pending", actorId, userId), ...notified]);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error; // both sent at once: read the winner
    }
  }
  throw new AppError("conflict", "Please try again.");
});

/** Accepts (`accept: true`) or declines a pending request sent to me; 404 for any other request. */
export const respondToContactRequest = command(async (actorId: string, input: RespondContactRequestInput | Record<string, unknown>) => {
  const { requestId, accept } = parseInput(respondContactRequestSchema, input);
  if (!isValidId(actorId)) throw signedOut();
  return settle(actorId, requestId, accept);
});

/** Cancels a pending request I sent; 404 for any other request. */
export const cancelContactRequest = command(async (actorId: string, input: ContactRequestIdInput | Record<string, unknown>) => {
  const { requestId } = parseInput(contactRequestIdSchema, input);
  if (!isValidId(actorId)) throw signedOut();
  const request = await db.contactRequest.findFirst({
    where: { id: requestId, fromId: actorId, status: "pending" },
    select: { id: true, toId: true },
  });
  if (!request) throw requestNotFound();
  const { count } = await db.contactRequest.updateMany({
    where: { id: request.id, status: "pending" },
    data: { status: "cancelled", openKey: null, respondedAt: new Date() },
  });
  if (count === 0) throw requestNotFound();
  // Withdrawn: its entry leaves their notification center (issue 16).
  const entries = await entriesOf({ contactRequestId: request.id });
  if (entries.length > 0) await db.notification.deleteMany({ where: { id: { in: entries.map((e) => e.id) } } });
  return outcome<ContactRequestResult>({ id: request.id, status: "cancelled" }, [
    ...changed("cancelled", actorId, request.toId),
    ...(await removedNotificationEvents(entries)),
  ]);
});

/** Removes `userId` from my contacts and me from theirs; 404 when we are not contacts. */
export const removeContact = command(async (actorId: string, input: ContactUserInput | Record<string, unknown>) => {
  const { userId } = parseInput(contactUserSchema, input);
  if (!isValidId(actorId)) throw signedOut();
  const { count } = await db.contact.deleteMany({
    where: {
      OR: [
        { ownerId: actorId, contactId: userId },
        { ownerId: userId, contactId: actorId },
      ],
    },
  });
  if (count === 0) throw new AppError("not_found", "This person is not in your contacts.");
  const { events, endRealtimeAccessOf } = await contactChanged(actorId, userId);
  return outcome({ userId, removed: true }, [...changed("removed", actorId, userId), ...events], { endRealtimeAccessOf });
});
