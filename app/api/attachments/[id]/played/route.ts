// POST /api/attachments/{id}/played → records that I played this voice note (once; the sender sees
// "Played" live): lib/chat/attachments/plays.ts. 204; 404 for anything I cannot see.
import { markVoicePlayed } from "@/lib/chat/attachments/plays";
import { apiRoute, type IdContext } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = apiRoute<IdContext>(async (_request, user, context) => {
  await markVoicePlayed(user.id, (await context.params).id);
  return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
});
