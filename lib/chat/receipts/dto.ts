// What the message info panel says about one of my messages: per member, when it reached them and
// when they read it. Browser-safe (zod/mini).
import * as z from "zod/mini";
import { isoDateSchema, safeUserSchema } from "@/lib/chat/kernel/dto";

export const memberReceiptSchema = z.object({
  user: safeUserSchema,
  /** When a client of theirs received it (null: not yet). */
  deliveredAt: z.nullable(isoDateSchema),
  /** True once they have seen it (the Seen relation). */
  read: z.boolean(),
  /** When they read it, if known (messages read before receipts were dated have none). */
  readAt: z.nullable(isoDateSchema),
});
export type MemberReceipt = z.infer<typeof memberReceiptSchema>;

export const messageInfoDtoSchema = z.object({
  messageId: z.string(),
  createdAt: isoDateSchema,
  members: z.array(memberReceiptSchema),
});
export type MessageInfoDto = z.infer<typeof messageInfoDtoSchema>;

export type ReceiptStatus = "sent" | "delivered" | "read";

/**
 * The aggregate state of my message across the other members: read when every one has seen it,
 * delivered when it reached every one (a reader has received it too), sent otherwise.
 */
export function receiptStatus(
  message: { sender: { id: string }; seenBy: { id: string }[]; deliveredTo: string[] },
  memberIds: readonly string[],
): ReceiptStatus {
  const others = memberIds.filter((id) => id !== message.sender.id);
  if (others.length === 0) return "sent";
  const seen = new Set(message.seenBy.map((user) => user.id));
  if (others.every((id) => seen.has(id))) return "read";
  const delivered = new Set(message.deliveredTo);
  return others.every((id) => seen.has(id) || delivered.has(id)) ? "delivered" : "sent";
}
