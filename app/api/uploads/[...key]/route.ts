// Serves stored uploads (lib/storage). Keys are random and unguessable; the headers make sure a
// file is only ever treated as the image type it was validated as on upload.
import { publicRoute } from "@/lib/http/route";
import { isValidKey, storage } from "@/lib/storage/storage";

export const dynamic = "force-dynamic";

export const GET = publicRoute<{ params: Promise<{ key: string[] }> }>(async (_request, _user, context) => {
  const key = (await context.params).key.join("/");
  const object = isValidKey(key) ? await storage().get(key) : null;
  if (!object) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(Buffer.from(object.bytes), {
    headers: {
      "Content-Type": object.contentType,
      "Content-Length": String(object.bytes.byteLength),
      "Content-Disposition": "inline",
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cross-Origin-Resource-Policy": "same-origin",
    },
  });
});
