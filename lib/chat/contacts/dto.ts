// What the contacts capability returns and its events carry (browser-safe, zod/mini).
import * as z from "zod/mini";
import { idSchema, isoDateSchema } from "@/lib/chat/kernel/dto";
import { personSchema } from "@/lib/chat/profiles/dto";
import type { GroupInvitationDto } from "@/lib/chat/group-invitations/dto";

export const CONTACT_REQUEST_STATUSES = ["pending", "accepted", "declined", "cancelled"] as const;
export type ContactRequestStatus = (typeof CONTACT_REQUEST_STATUSES)[number];

/** A contact request as one side sees it: `user` is the other person. */
export const contactRequestSchema = z.object({
  id: idSchema,
  status: z.enum(CONTACT_REQUEST_STATUSES),
  createdAt: isoDateSchema,
  user: personSchema,
});
export type ContactRequestDto = z.infer<typeof contactRequestSchema>;

/**
 * The People tab: my contacts (alphabetical), the pending requests I received and sent, and my open
 * invitations to groups (lib/chat/group-invitations: adds by non-contacts while mine say "contacts").
 */
export interface ContactsOverview {
  contacts: z.infer<typeof personSchema>[];
  incoming: ContactRequestDto[];
  outgoing: ContactRequestDto[];
  groupInvitations: GroupInvitationDto[];
}
