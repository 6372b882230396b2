// The configured windows of the message actions (MESSAGE_EDIT_WINDOW_MINUTES,
// MESSAGE_DELETE_WINDOW_MINUTES in lib/config/env.ts). Server-only: the conversation page passes
// them to the client as a prop, which offers "Edit" and "Delete for everyone" only inside them;
// the domain operations enforce them.
import "server-only";
import { serverEnv } from "@/lib/config/env";

export interface MessageActionLimits {
  editWindowMs: number;
  deleteWindowMs: number;
}

export function messageActionLimits(): MessageActionLimits {
  const env = serverEnv();
  return { editWindowMs: env.MESSAGE_EDIT_WINDOW_MINUTES * 60_000, deleteWindowMs: env.MESSAGE_DELETE_WINDOW_MINUTES * 60_000 };
}
