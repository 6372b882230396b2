// Privacy capability (issue 15): someone I know changed who sees their last seen, photo or about.
// Refetch what shows them, answered under their new rules: each chat of mine they are in (its
// summary carries their photo and last activity; at most a few, else the list's first page) and
// my contacts if loaded. Their online state follows by itself: their connection was ended and the
// presence channels re-authorized.
import { refreshLoadedContacts } from "@/lib/client/contacts";
import { EVENTS } from "@/lib/realtime/events";
import type { Capability } from "./dispatcher";
import { fetchConversation, refreshConversations } from "./sync";

const REFETCH_MAX = 10;

export const privacy: Capability = ({ store }) => ({
  user: {
    [EVENTS.privacyChanged]: ({ userId }) => {
      const shared = Object.values(store.getState().conversations)
        .filter((c) => c.members.some((m) => m.id === userId))
        .map((c) => c.id);
      if (shared.length > REFETCH_MAX) void refreshConversations(store);
      else for (const id of shared) void fetchConversation(store, id);
      refreshLoadedContacts();
    },
  },
});
