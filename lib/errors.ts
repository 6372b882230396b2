// Typed domain errors. Domain functions throw these; route handlers and server actions map them to
// HTTP statuses and user-facing messages with toHttpError, so no handler invents its own.
export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Field-level messages for forms (zod issues flattened by field name). */
    readonly fields?: Record<string, string[]>,
    /** Seconds, for rate_limited. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export interface ErrorBody {
  error: { code: ErrorCode | "internal"; message: string; fields?: Record<string, string[]> };
}

/** The body and status an API answers for any thrown value; unknown errors never leak details. */
export function toHttpError(error: unknown): { status: number; body: ErrorBody; headers: Record<string, string> } {
  if (error instanceof AppError) {
    const headers: Record<string, string> = {};
    if (error.retryAfter !== undefined) headers["Retry-After"] = String(Math.ceil(error.retryAfter));
    return {
      status: error.status,
      body: { error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) } },
      headers,
    };
  }
  console.error("unhandled error", error);
  return { status: 500, body: { error: { code: "internal", message: "Something went wrong. Please try again." } }, headers: {} };
}
