"use client";
// Calling a server action from the UI: its data, or null after telling the user why not (the
// server's message for a refusal, the network message when no answer came).
import type { ActionResult } from "@/lib/http/action";
import { NETWORK_MESSAGE } from "./api";
import { notify } from "./notify";

export async function callAction<T>(call: () => Promise<ActionResult<T>>): Promise<T | null> {
  let result: ActionResult<T>;
  try {
    result = await call();
  } catch {
    notify.error(NETWORK_MESSAGE);
    return null;
  }
  if (!result.ok) {
    notify.error(result.error.message);
    return null;
  }
  return result.data;
}
