// Status capability (issue 15): my status changed on one of my devices (or an idle device said I
// am away): the connection leaves or joins its presence channels when I go or stop being invisible
// (./connection.ts), and the away reporter answers "away" with "back" if this device is in use
// (lib/client/status.ts). A member's status changed: every chat they are in shows it.
import { EVENTS } from "@/lib/realtime/events";
import type { Capability } from "./dispatcher";

export const status: Capability = ({ store }) => ({
  user: {
    [EVENTS.status]: (event) => store.getState().setMyStatus(event),
  },
  presence: {
    [EVENTS.memberStatus]: ({ userId, status }) => {
      // Kept on the member in each chat they are in (a summary read carries it the same way).
      const shown = status === "away" || status === "busy" ? status : undefined;
      store.getState().patchMember(userId, (m) => {
        if (m.status === shown) return m;
        const next = { ...m, status: shown };
        if (!shown) delete next.status; // online: absent, as a summary says it
        return next;
      });
    },
  },
});
