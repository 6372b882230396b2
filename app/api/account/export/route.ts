// GET /api/account/export → 200 a JSON download of my data (profile, conversations I am in, messages
// I sent). 401 signed out, 429 with Retry-After (5 an hour).
import { exportAccount } from "@/lib/account/export/operations";
import { apiRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async (_request, user) => {
  const data = await exportAccount(user.id);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="parley-export-${data.exportedAt.slice(0, 10)}.json"`,
      "Cache-Control": "no-store",
    },
  });
});
