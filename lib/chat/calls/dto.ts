// What a call looks like to its participants (issue 18): the call, its caller and participants
// (safe user fields only), and until when it rings. Browser-safe (zod/mini): the `call:update`
// event carries the same shape.
import * as z from "zod/mini";
import { idSchema, isoDateSchema, safeUserSchema } from "@/lib/chat/kernel/dto";
import { CALL_SCREEN_SHARES_MAX, CALL_STATUSES, CALL_TYPES, PARTICIPANT_STATUSES, SIGNAL_KINDS } from "./limits";

export const callParticipantSchema = z.object({
  user: safeUserSchema,
  status: z.enum(PARTICIPANT_STATUSES),
  joinedAt: z.nullable(isoDateSchema),
  leftAt: z.nullable(isoDateSchema),
  /** Sharing the screen now. */
  sharing: z.boolean(),
  /** The record of this participant's screen shares in the call (an open one has no end). */
  screenShares: z
    .array(z.object({ startedAt: isoDateSchema, endedAt: z.nullable(isoDateSchema) }))
    .check(z.maxLength(CALL_SCREEN_SHARES_MAX)),
});
export type CallParticipantDto = z.infer<typeof callParticipantSchema>;

export const callSchema = z.object({
  id: idSchema,
  conversationId: idSchema,
  type: z.enum(CALL_TYPES),
  status: z.enum(CALL_STATUSES),
  caller: safeUserSchema,
  createdAt: isoDateSchema,
  startedAt: z.nullable(isoDateSchema),
  endedAt: z.nullable(isoDateSchema),
  /** Until when a ringing invitation rings (then it is missed). */
  ringUntil: isoDateSchema,
  // Everyone invited (a group's members beyond the joined limit ring too; at most 6 join at once).
  participants: z.array(callParticipantSchema).check(z.maxLength(64)),
});
export type CallDto = z.infer<typeof callSchema>;

export const iceServerSchema = z.object({
  urls: z.union([z.string(), z.array(z.string())]),
  username: z.optional(z.string()),
  credential: z.optional(z.string()),
});
export type IceServer = z.infer<typeof iceServerSchema>;

export const signalSchema = z.object({
  callId: idSchema,
  from: idSchema,
  kind: z.enum(SIGNAL_KINDS),
  data: z.string(),
});
export type CallSignal = z.infer<typeof signalSchema>;

/** One row of my Calls tab. */
export interface CallLogEntry {
  id: string;
  conversationId: string;
  /** The chat's name (a group) or the other person (a 1:1). */
  title: string;
  image: string | null;
  type: (typeof CALL_TYPES)[number];
  direction: "incoming" | "outgoing" | "missed";
  status: (typeof CALL_STATUSES)[number];
  createdAt: string;
  /** Seconds from the first answer to the end; null if nobody answered or it still runs. */
  durationSeconds: number | null;
}

/** How a call reads in a timeline or a log ("Missed voice call", "Video call, 12 min"). */
export function describeCall(call: { type: string; status: string; durationSeconds: number | null }, missedForMe = false): string {
  const kind = call.type === "video" ? "video call" : "voice call";
  const Kind = kind[0]!.toUpperCase() + kind.slice(1);
  if (call.status === "missed" || missedForMe) return `Missed ${kind}`;
  if (call.status === "declined") return `Declined ${kind}`;
  if (call.status === "ringing" || call.status === "active") return `${Kind} in progress`;
  return call.durationSeconds === null ? Kind : `${Kind}, ${formatCallDuration(call.durationSeconds)}`;
}

/** "45 s", "12 min", "1 h 5 min". */
export function formatCallDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
