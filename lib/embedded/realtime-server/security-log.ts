/**
 * Security events of the embedded realtime server, one JSON line each, in the same shape as the
 * app's lib/security/log.ts (`{type:"security", event, at, userId?, ip?, target?, reason?}`), so
 * one collector reads both. The server cannot import that module (it is server-only app code and
 * this folder runs outside Next.js), hence this small twin. Never a signature, secret or payload.
 */
export type RealtimeSecurityEvent =
  | "realtime.origin_refused"
  | "realtime.connection_refused"
  | "realtime.subscription_refused"
  | "realtime.signin_refused"
  | "realtime.api_refused";

export interface RealtimeSecurityFields {
  userId?: string | null;
  ip?: string;
  /** A channel name, an origin or an HTTP API path: never user content. */
  target?: string;
  reason?: string;
}

export type SecurityLogger = (event: RealtimeSecurityEvent, fields?: RealtimeSecurityFields) => void;

export function securityLine(event: RealtimeSecurityEvent, fields: RealtimeSecurityFields = {}, now = new Date()): string {
  const entry: Record<string, unknown> = { type: "security", event, at: now.toISOString() };
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined && value !== null) entry[key] = String(value).slice(0, 200);
  }
  return JSON.stringify(entry);
}

/** A logger writing each event as one line to `sink` (default: stdout, like lib/security/log.ts). */
export function createSecurityLogger(sink: (line: string) => void = (line) => console.info(line)): SecurityLogger {
  return (event, fields) => sink(securityLine(event, fields));
}
