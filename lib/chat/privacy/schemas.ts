// Input of my privacy settings (zod 4): any of them — the three audiences (everyone / contacts /
// nobody), read receipts (true / false), who can add me to groups (everyone / contacts).
import { z } from "zod";
import { AUDIENCES, GROUP_ADD_AUDIENCES } from "./dto";

const audience = z.enum(AUDIENCES, { error: "must be everyone, contacts or nobody" });

export const privacyInputSchema = z.object({
  lastSeen: audience.optional(),
  photo: audience.optional(),
  about: audience.optional(),
  readReceipts: z.boolean({ error: "must be true or false" }).optional(),
  groupAdd: z.enum(GROUP_ADD_AUDIENCES, { error: "must be everyone or contacts" }).optional(),
});
export type PrivacyInput = z.input<typeof privacyInputSchema>;
