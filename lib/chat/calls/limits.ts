// Limits of calls (issue 18). Browser-safe.

/** At most this many people in one call at once (a peer-to-peer mesh: each sends to every other). */
export const CALL_PARTICIPANTS_MAX = 6;
/** One signalling message's data (an SDP offer/answer or one ICE candidate as JSON), in characters. */
export const CALL_SIGNAL_DATA_MAX = 7_000;
/** A joined participant's tab reports this often… */
export const CALL_HEARTBEAT_SECONDS = 15;
/** …and one silent for longer counts as gone (a crashed tab leaves the call). */
export const CALL_STALE_SECONDS = 45;
/** Screen shares kept on one participant's record of a call (the newest; each start/stop pair is one). */
export const CALL_SCREEN_SHARES_MAX = 20;
/** Entries of a Calls tab page. */
export const CALL_LOG_PAGE = 30;

export const CALL_TYPES = ["voice", "video"] as const;
export type CallType = (typeof CALL_TYPES)[number];

/** ringing → active → ended; ringing → missed (nobody answered in time, or the caller gave up) or declined. */
export const CALL_STATUSES = ["ringing", "active", "ended", "missed", "declined"] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];
export const LIVE_CALL_STATUSES: readonly CallStatus[] = ["ringing", "active"];

export const PARTICIPANT_STATUSES = ["ringing", "joined", "left", "declined", "missed", "busy"] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

export const SIGNAL_KINDS = ["offer", "answer", "ice"] as const;
