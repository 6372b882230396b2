// Privacy settings (issue 15): who sees my last seen & online, my photo, my about line — everyone,
// my contacts, or nobody; whether I send (and see) read receipts; who can add me to groups —
// everyone, or my contacts (others' adds become invitations). Browser-safe (zod/mini): the
// Settings form uses the same shapes.
import * as z from "zod/mini";

export const AUDIENCES = ["everyone", "contacts", "nobody"] as const;
export type Audience = (typeof AUDIENCES)[number];

/** Who can add me to groups: anyone who may reach me, or only my contacts (others send an invitation). */
export const GROUP_ADD_AUDIENCES = ["everyone", "contacts"] as const;
export type GroupAddAudience = (typeof GROUP_ADD_AUDIENCES)[number];

export const privacySettingsSchema = z.object({
  lastSeen: z.enum(AUDIENCES),
  photo: z.enum(AUDIENCES),
  about: z.enum(AUDIENCES),
  /** Off: my reads in 1:1 chats are not shown to the other person, and theirs not to me (lib/chat/receipts/privacy.ts). */
  readReceipts: z.boolean(),
  groupAdd: z.enum(GROUP_ADD_AUDIENCES),
});
export type PrivacySettings = z.infer<typeof privacySettingsSchema>;

/** No stored row: everyone sees everything (as before privacy settings existed). */
export const DEFAULT_PRIVACY: PrivacySettings = {
  lastSeen: "everyone",
  photo: "everyone",
  about: "everyone",
  readReceipts: true,
  groupAdd: "everyone",
};
