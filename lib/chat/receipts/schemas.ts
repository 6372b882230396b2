// Input schemas of the receipts capability.
import { z } from "zod";
import { recordIdSchema } from "@/lib/chat/kernel/input";

export const markSeenSchema = z.object({ messageId: recordIdSchema });
export type MarkSeenInput = z.input<typeof markSeenSchema>;
