// Input of my privacy settings (zod 4): any of the three, each everyone / contacts / nobody.
import { z } from "zod";
import { AUDIENCES } from "./dto";

const audience = z.enum(AUDIENCES, { error: "must be everyone, contacts or nobody" });

export const privacyInputSchema = z.object({ lastSeen: audience.optional(), photo: audience.optional(), about: audience.optional() });
export type PrivacyInput = z.input<typeof privacyInputSchema>;
