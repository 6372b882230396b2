// Serves stored uploads (lib/storage) to the people allowed to see them (lib/chat/uploads/access.ts):
// members of the conversation that shows a message image, signed-in users for avatars, the uploader
// for an image not sent yet. Anyone else, anonymous callers included, gets the same 404 as for a
// missing file. Responses are cacheable by the browser only (private) and revalidated on every use
// (no-cache + ETag → 304), so a former member loses access at once. The headers make sure a file
// is only ever treated as the image type it was validated as on upload.
import { createHash } from "node:crypto";
import { readUpload } from "@/lib/chat/uploads/access";
import { sessionOptionalRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const notFound = () =>
  new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

export const GET = sessionOptionalRoute<{ params: Promise<{ key: string[] }> }>(async (request, user, context) => {
  const key = (await context.params).key.join("/");
  const object = await readUpload(user?.id ?? null, key).catch((error: unknown) => {
    if ((error as { code?: unknown }).code === "not_found") return null;
    throw error;
  });
  if (!object) return notFound();
  // Keys are never reused for other content: the key names the bytes.
  const etag = `"${createHash("sha256").update(key).digest("base64url").slice(0, 27)}"`;
  const headers = {
    "Cache-Control": "private, no-cache",
    ETag: etag,
    Vary: "Cookie",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cross-Origin-Resource-Policy": "same-origin",
  };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(Buffer.from(object.bytes), {
    headers: {
      ...headers,
      "Content-Type": object.contentType,
      "Content-Length": String(object.bytes.byteLength),
      "Content-Disposition": "inline",
    },
  });
});
