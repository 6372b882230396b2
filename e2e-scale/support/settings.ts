// The scale-out suite's ports, services and limits, from the environment (defaults suit a
// developer machine; .ci/run passes SCALE_POSTGRES_URL).
export const SIGN_IN_LIMIT_PER_IP = 25;
/** How long a draining instance keeps accepting: above the proxy's health-check interval (250 ms). */
export const DRAIN_GRACE_MS = 2_500;

export function scaleSettings(env: NodeJS.ProcessEnv) {
  const basePort = Number(env.SCALE_BASE_PORT ?? 3610);
  return {
    postgresUrl: env.SCALE_POSTGRES_URL ?? "postgresql://postgres:postgres@127.0.0.1:5432/postgres",
    // A Redis database of its own: the suite clears its rate-limit counters at start.
    redisUrl: env.SCALE_REDIS_URL ?? "redis://127.0.0.1:6379/11",
    basePort,
    proxyPort: Number(env.SCALE_PROXY_PORT ?? basePort + 2),
    realtimePort: Number(env.SCALE_REALTIME_PORT ?? basePort + 3),
    instanceEnv: {
      AUTH_RATE_LIMIT_PER_IP: String(SIGN_IN_LIMIT_PER_IP),
      PARLEY_DRAIN_GRACE_MS: String(DRAIN_GRACE_MS),
      PARLEY_DRAIN_TIMEOUT_MS: "10000",
      // The restart spec's client loop sends far faster than a person: the per-user send budget is not under test.
      CHAT_SEND_RATE_LIMIT: "1000000",
    },
  };
}
