// GET /api/invites/{token}/icon: the group icon an invite link's preview shows (issue 15). Signed in
// with a usable link (not revoked, expired or used up), or a member; anything else is the 404 of a
// missing icon. The same headers as GET /api/uploads/[...key]: private, revalidated on every use,
// only ever the WebP it was re-encoded as (lib/chat/group-admin/invites.ts inviteIcon).
import { inviteIcon } from "@/lib/chat/group-admin/invites";
import { apiRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ params: Promise<{ token: string }> }>(async (_request, user, context) => {
  const object = await inviteIcon(user.id, (await context.params).token);
  return new Response(Buffer.from(object.bytes), {
    headers: {
      "Cache-Control": "private, no-cache",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cross-Origin-Resource-Policy": "same-origin",
      "Content-Type": object.contentType,
      "Content-Length": String(object.bytes.byteLength),
      "Content-Disposition": "inline",
    },
  });
});
