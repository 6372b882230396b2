// The server-action twin of the route wrapper: session, then the domain call; a thrown error
// becomes a result object (the same code and message a route would answer), so forms show
// `error.message` and per-field `error.fields` without an error boundary. Next.js itself refuses
// cross-origin server-action requests.
import "server-only";
import { requireSessionUser } from "@/lib/auth/session";
import { toHttpError, type ErrorBody } from "@/lib/errors";

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ErrorBody["error"] };

export async function runAction<T>(operation: (actorId: string) => Promise<T>): Promise<ActionResult<T>> {
  try {
    const user = await requireSessionUser();
    return { ok: true, data: await operation(user.id) };
  } catch (error) {
    return { ok: false, error: toHttpError(error).body.error };
  }
}
