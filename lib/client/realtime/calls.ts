// Calls capability (issue 18): `call:update` (a call rings, connects, ends) and `call:signal` (an
// offer, answer or ICE candidate for this tab's call) on my user channel. The call's code and UI
// (lib/client/calls/controller, components/calls/) load only when a call event arrives or, each time
// my user channel becomes live, to ask whether I am in a call (a reload rejoins it) or one rings for
// me. Not before it is live: a call that starts ringing while the page loads would be missed (its
// `call:update` went out before the subscription), and a rejoin's offers would be answered on a
// channel nobody hears yet.
import { EVENTS } from "@/lib/realtime/events";
import { PUSHER_EVENTS, type Capability } from "./dispatcher";

const loadCalls = () => import("@/components/calls/mount").then((m) => m.mountCalls());

export const calls: Capability = ({ meId }) => {
  return {
    user: {
      [PUSHER_EVENTS.subscribed]: () =>
        void loadCalls()
          .then((controller) => {
            controller.setMe(meId);
            return controller.resume();
          })
          .catch(() => undefined),
      [EVENTS.callUpdate]: (event) =>
        void loadCalls().then((controller) => {
          controller.setMe(meId);
          controller.onUpdate(event);
        }),
      [EVENTS.callSignal]: (event) => void loadCalls().then((controller) => controller.onSignal(event)),
    },
  };
};
