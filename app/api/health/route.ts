// Readiness probe: the app answers and its database does.
import { NextResponse } from "next/server";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    await db.user.findFirst({ select: { id: true } });
    return NextResponse.json({ status: "ok" });
  } catch {
    return NextResponse.json({ status: "error", error: "database unavailable" }, { status: 503 });
  }
}
