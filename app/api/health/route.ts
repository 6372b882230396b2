// Readiness probe: the app answers and its database does.
import { db } from "@/lib/db/client";
import { json, publicRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = publicRoute(async () => {
  try {
    await db.user.findFirst({ select: { id: true } });
    return json({ status: "ok" });
  } catch {
    return json({ status: "error", error: "database unavailable" }, 503);
  }
});
