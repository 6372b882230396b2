// Realtime events of calls (issue 18), each on a user's own private-user-<id> channel, so every
// open tab of a callee rings and only the people of the call hear about it:
//   call:update  the call's state after any change (ring, accept, decline, hang up, missed), to
//                every participant;
//   call:signal  one WebRTC signalling message (offer, answer, ICE candidate), to its one target.
// Browser-safe (zod/mini).
import { callSchema, signalSchema } from "./dto";

export const CALL_EVENTS = {
  callUpdate: "call:update",
  callSignal: "call:signal",
} as const;

export const callEventSchemas = {
  [CALL_EVENTS.callUpdate]: callSchema,
  [CALL_EVENTS.callSignal]: signalSchema,
} as const;
