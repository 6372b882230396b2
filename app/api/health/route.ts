// Readiness probe: the app answers and its database does. While the instance drains (SIGTERM,
// scripts/parley-server.ts) it answers 503 "draining" at once, so a load balancer stops routing to it.
import { db } from "@/lib/db/client";
import { json, publicRoute } from "@/lib/http/route";
import { isDraining } from "@/lib/server/lifecycle";

export const dynamic = "force-dynamic";

export const GET = publicRoute(async () => {
  if (isDraining()) return json({ status: "draining" }, 503);
  try {
    await db.user.findFirst({ select: { id: true } });
    return json({ status: "ok" });
  } catch {
    return json({ status: "error", error: "database unavailable" }, 503);
  }
});
