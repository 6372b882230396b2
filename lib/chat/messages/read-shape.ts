// The one read shape of a message: the select every message read uses and the one builder that
// turns its row into a MessageDto. A capability that adds to a message (replies, reactions,
// attachments, receipts) extends these two, and every read path (history pages, send retries, the
// page around a search hit) gets it at once. A search hit itself carries only what a result row
// shows (lib/chat/search/reads.ts hitSelect).
import type { Prisma } from "@/lib/generated/prisma/client";
import { shownUserSelect, toSafeUser } from "@/lib/chat/kernel/access";
import type { SafeUser } from "@/lib/chat/kernel/dto";
import { previewBody, type MessageDto, type MessagePreview } from "./dto";
import { messageActionSelect, toMessageActionFields, type MessageActionRow } from "@/lib/chat/message-actions/read-shape";
import { messageAttachmentsSelect, toAttachmentDto, type AttachmentRow } from "@/lib/chat/attachments/read-shape";
import { toSystemEvent } from "@/lib/chat/group-admin/dto";

/** A group's system message (issue 15, lib/chat/group-admin/system.ts): what happened, and to whom (one joined row). */
const systemSelect = { systemEvent: true, systemTarget: { select: shownUserSelect } } as const satisfies Prisma.MessageSelect;
type SystemRow = { systemEvent?: unknown; systemTarget?: Parameters<typeof toSafeUser>[0] | null };

/** The `system` field of a message's DTO or preview (absent: an ordinary message). */
function systemField(row: SystemRow) {
  const system = toSystemEvent(row.systemEvent, row.systemTarget ? toSafeUser(row.systemTarget) : null);
  return system ? { system } : {};
}

/**
 * The sender of a message: the shown user plus the assistant bot's mark (one joined row, no extra
 * statement), which becomes the DTO's `fromAssistant`.
 */
export const senderSelect = { ...shownUserSelect, assistantBot: { select: { id: true } } } as const satisfies Prisma.UserSelect;

export const messageSelect = {
  id: true,
  conversationId: true,
  body: true,
  image: true,
  createdAt: true,
  // shownUserSelect: a deleted account shows as "Deleted account" (toSafeUser).
  sender: { select: senderSelect },
  seen: { select: shownUserSelect, orderBy: { id: "asc" } },
  // Delivery receipts: who has received it (the sender's ticks; lib/chat/receipts/dto.ts receiptStatus).
  receipts: { select: { userId: true }, orderBy: { userId: "asc" } },
  ...messageActionSelect,
  ...messageAttachmentsSelect,
  ...systemSelect,
} as const satisfies Prisma.MessageSelect;

export type MessageRow = Prisma.MessageGetPayload<{ select: typeof messageSelect }>;

/** A row as sendMessage builds it (sender from safeUserSelect) or as read (shownUserSelect). */
type MessageRowLike = Omit<
  MessageRow,
  "sender" | "seen" | "receipts" | "attachments" | "systemEvent" | "systemTarget" | keyof MessageActionRow
> &
  SystemRow & {
    receipts?: { userId: string }[];
    attachments?: AttachmentRow[];
    sender: Parameters<typeof toSafeUser>[0] & { assistantBot?: { id: string } | null };
    seen: Parameters<typeof toSafeUser>[0][];
  } & Partial<MessageActionRow>;

export function toMessageDto(row: MessageRowLike): MessageDto {
  const sender = toSafeUser(row.sender);
  return {
    id: row.id,
    conversationId: row.conversationId,
    body: row.body,
    image: row.image,
    createdAt: row.createdAt.toISOString(),
    sender,
    seenBy: withSender(sender, row.seen.map(toSafeUser)),
    deliveredTo: (row.receipts ?? []).map((receipt) => receipt.userId),
    ...toMessageActionFields(row),
    ...(row.attachments && row.attachments.length > 0 ? { attachments: row.attachments.map(toAttachmentDto) } : {}),
    ...(row.sender.assistantBot ? { fromAssistant: true } : {}),
    ...systemField(row),
  };
}

/**
 * A sender has seen their own message. Sends do not store that in the Seen relation (two fewer
 * statements per send); rows written by older code, or by the seed-001 app on MongoDB, may hold
 * it, so the sender is merged in once, keeping the relation's order (by id).
 */
function withSender(sender: SafeUser, seen: SafeUser[]): SafeUser[] {
  if (seen.some((user) => user.id === sender.id)) return seen;
  const at = seen.findIndex((user) => user.id > sender.id);
  return at === -1 ? [...seen, sender] : [...seen.slice(0, at), sender, ...seen.slice(at)];
}

/** The select of the conversation list's last-message preview. */
export const previewSelect = {
  id: true,
  conversationId: true,
  senderId: true,
  body: true,
  image: true,
  createdAt: true,
  deletedAt: true,
  // Attachments (issue 14): counted in the same statement (a correlated count), for "3 files".
  _count: { select: { attachments: true } },
  // A system message (issue 15): "Ana added Ben" in the list.
  ...systemSelect,
} as const satisfies Prisma.MessageSelect;

export function toPreview(
  row: {
    id: string;
    senderId: string;
    body: string | null;
    image: string | null;
    createdAt: Date;
    deletedAt?: Date | null;
    _count?: { attachments: number };
    attachments?: unknown[];
  } & SystemRow,
): MessagePreview {
  // Deleted for everyone: the preview says so and shows nothing of it (issue 13).
  if (row.deletedAt) {
    return { id: row.id, senderId: row.senderId, body: null, hasImage: false, createdAt: row.createdAt.toISOString(), deleted: true };
  }
  return {
    id: row.id,
    senderId: row.senderId,
    body: previewBody(row.body),
    hasImage: row.image !== null,
    createdAt: row.createdAt.toISOString(),
    ...filesOf(row._count?.attachments ?? row.attachments?.length ?? 0),
    ...systemField(row),
  };
}

const filesOf = (files: number): { files?: number } => (files > 0 ? { files } : {});
