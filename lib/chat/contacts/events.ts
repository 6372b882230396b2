// Realtime event of contacts (issue 15), on the private-user-<id> channels of both people concerned
// (and so every tab of theirs): a request was sent, accepted, declined or cancelled, or a contact
// removed. It carries no people: the client refetches GET /api/contacts, which applies the reader's
// rules (blocks, privacy). Browser-safe (zod/mini).
import * as z from "zod/mini";
import { CONTACT_REQUEST_STATUSES } from "./dto";

export const CONTACT_EVENTS = {
  /** My contacts or contact requests changed. */
  contactsChanged: "contacts:changed",
} as const;

export const contactEventSchemas = {
  [CONTACT_EVENTS.contactsChanged]: z.object({
    /** What happened: a request's new status, or "removed" (a contact was removed). */
    change: z.enum([...CONTACT_REQUEST_STATUSES, "removed"]),
  }),
} as const;
