// Reads of pinning (issue 13): the pins a conversation summary carries (one relation of the list's
// single statement: `pinsSelect`), and the current pins of a conversation for the event that
// replaces every member's pin bar.
import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { DomainEvent } from "@/lib/chat/kernel/events";
import { notHiddenForWhere } from "@/lib/chat/message-actions/visibility";
import { previewSelect, toPreview } from "@/lib/chat/messages/read-shape";
import { conversationChannel } from "@/lib/realtime/channels";
import type { Pin } from "./dto";
import { PIN_EVENTS } from "./events";
import { PINS_MAX } from "./limits";

const pinRowSelect = {
  pinnedById: true,
  createdAt: true,
  message: { select: previewSelect },
} as const satisfies Prisma.PinnedMessageSelect;
type PinRow = Prisma.PinnedMessageGetPayload<{ select: typeof pinRowSelect }>;
/** A conversation's pins in bar order (oldest pin first), at most PINS_MAX: the summary's and the event's. */
const pinsInBarOrder = {
  orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  take: PINS_MAX,
  select: pinRowSelect,
} as const satisfies Prisma.Conversation$pinsArgs;

/** The pins of a conversation summary for `actorId` (not those of messages deleted for them). */
export const pinsSelect = (actorId: string) =>
  ({
    where: { message: notHiddenForWhere(actorId) },
    ...pinsInBarOrder,
  }) as const satisfies Prisma.Conversation$pinsArgs;

/** Pins as the reader sees them: none of a message before their `historyFrom` ("delete chat for me"). */
export function toPins(rows: PinRow[], historyFrom: Date | null = null): Pin[] {
  return rows
    .filter((row) => !historyFrom || row.message.createdAt > historyFrom)
    .map((row) => ({ message: toPreview(row.message), pinnedById: row.pinnedById, pinnedAt: row.createdAt.toISOString() }));
}

/** The conversation's pins now. */
export async function currentPins(conversationId: string): Promise<Pin[]> {
  const rows = await db.pinnedMessage.findMany({ where: { conversationId }, ...pinsInBarOrder });
  return toPins(rows);
}

/** The event that gives every member's pin bar the conversation's pins. */
export const pinsEvent = (conversationId: string, pins: Pin[]): DomainEvent => ({
  channels: conversationChannel(conversationId),
  event: PIN_EVENTS.pins,
  payload: { conversationId, pins },
});

/** The conversation's pins now, and the event that shows them to every member. */
export async function pinsChanged(conversationId: string): Promise<{ pins: Pin[]; event: DomainEvent }> {
  const pins = await currentPins(conversationId);
  return { pins, event: pinsEvent(conversationId, pins) };
}
