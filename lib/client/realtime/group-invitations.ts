// Group invitations capability (issue 15): an invitation to a group was made for me, or answered in
// another tab of mine — refetch my contacts and requests (the inbox lists my open invitations; the
// event carries no group or people, the server applies the reader's rules). Accepting also brings
// conversation:new, which adds the group to my list (conversations capability).
import { refreshContacts } from "@/lib/client/contacts";
import { EVENTS } from "@/lib/realtime/events";
import type { Capability } from "./dispatcher";

export const groupInvitations: Capability = () => ({
  user: {
    [EVENTS.groupInvitationsChanged]: () => void refreshContacts(),
  },
});
