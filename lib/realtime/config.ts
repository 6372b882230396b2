// What the browser needs to connect (passed from a server component to the client factory).
// Contains no secret.
import "server-only";
import { serverEnv } from "@/lib/config/env";
import type { RealtimeClientConfig } from "./client";

export function realtimeClientConfig(): RealtimeClientConfig {
  const env = serverEnv();
  return {
    key: env.PUSHER_KEY,
    cluster: env.PUSHER_CLUSTER,
    ...(env.PUSHER_HOST ? { wsHost: env.PUSHER_HOST } : {}),
    ...(env.PUSHER_PORT ? { wsPort: env.PUSHER_PORT } : {}),
    forceTLS: env.PUSHER_USE_TLS,
    databaseProvider: env.databaseProvider,
  };
}
