// Privacy settings (issue 15): who sees my last seen & online, my photo, my about line — everyone,
// my contacts, or nobody. Browser-safe (zod/mini): the Settings form uses the same shapes.
import * as z from "zod/mini";

export const AUDIENCES = ["everyone", "contacts", "nobody"] as const;
export type Audience = (typeof AUDIENCES)[number];

export const privacySettingsSchema = z.object({
  lastSeen: z.enum(AUDIENCES),
  photo: z.enum(AUDIENCES),
  about: z.enum(AUDIENCES),
});
export type PrivacySettings = z.infer<typeof privacySettingsSchema>;

/** No stored row: everyone sees everything (as before privacy settings existed). */
export const DEFAULT_PRIVACY: PrivacySettings = { lastSeen: "everyone", photo: "everyone", about: "everyone" };
