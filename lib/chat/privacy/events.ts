// Realtime event of privacy (issue 15), on the user channels of the people who know me (share a chat
// or a contact with me): I changed who sees my last seen, photo or about. It carries only my id;
// each client refetches what shows me, which the server answers under the new rules. Browser-safe.
import * as z from "zod/mini";
import { idSchema } from "@/lib/chat/kernel/dto";

export const PRIVACY_EVENTS = {
  privacyChanged: "privacy:changed",
} as const;

export const privacyEventSchemas = {
  [PRIVACY_EVENTS.privacyChanged]: z.object({ userId: idSchema }),
} as const;
