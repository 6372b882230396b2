// Contacts capability (issue 15): a request was sent, settled or cancelled, or a contact removed —
// by me in another tab or by the other person: refetch my contacts and requests (the event carries
// no people; the server applies the reader's rules). My channel live again (a reconnection) may have
// missed some: refetch then too, if the People tab or its badge has loaded them.
import { refreshContacts, refreshLoadedContacts } from "@/lib/client/contacts";
import { EVENTS } from "@/lib/realtime/events";
import { PUSHER_EVENTS, type Capability } from "./dispatcher";

export const contacts: Capability = () => ({
  user: {
    [EVENTS.contactsChanged]: () => void refreshContacts(),
    [PUSHER_EVENTS.subscribed]: refreshLoadedContacts,
  },
});
