// Shared by the attachment suites (tests/integration/attachments*.test.ts): a read of an attachment
// or its poster through the real route as a signed-in user (or nobody), and the files left in the
// local attachments folder. Import it after the session mock (vi.mock of @/lib/auth/session).
import fs from "node:fs";
import { signInAs } from "../security/session-mock";
import { makeRequest } from "../security/support";

type Who = { id: string; name: string | null; image: string | null };

export async function fetchAttachment(id: string, as: Who | null, headers: Record<string, string> = {}, poster = false): Promise<Response> {
  signInAs(as);
  const route = poster ? await import("@/app/api/attachments/[id]/poster/route") : await import("@/app/api/attachments/[id]/route");
  return route.GET(makeRequest("GET", `/api/attachments/${id}${poster ? "/poster" : ""}`, undefined, headers), {
    params: Promise.resolve({ id }),
  });
}

/** The files under `dir` (recursive), the temporary folder itself left out. */
export const filesIn = (dir: string): string[] =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { recursive: true })
        .map(String)
        .filter((n) => n !== "tmp")
    : [];
