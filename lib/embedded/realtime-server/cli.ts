/**
 * Runs the embedded Pusher-protocol server standalone:
 *   PUSHER_APP_ID=… PUSHER_KEY=… PUSHER_SECRET=… npx tsx lib/embedded/realtime-server/cli.ts
 * Optional: PUSHER_PORT (default 6001), PUSHER_HOST (default 127.0.0.1), PUSHER_ALLOWED_ORIGINS
 * (comma-separated origins whose pages may connect; default any).
 */
import { appOrigins } from "./origins";
import { startPusherProtocolServer } from "./pusher-protocol-server";

function fail(line: string): never {
  console.error(line);
  process.exit(1);
}

async function main(): Promise<void> {
  const { PUSHER_APP_ID: appId, PUSHER_KEY: key, PUSHER_SECRET: secret } = process.env;
  if (!appId || !key || !secret) {
    fail("realtime: PUSHER_APP_ID, PUSHER_KEY and PUSHER_SECRET must be set (any non-empty values for local use)");
  }
  const host = process.env.PUSHER_HOST || "127.0.0.1";
  const portText = process.env.PUSHER_PORT || "6001";
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`realtime: PUSHER_PORT "${portText}" is not a port number`);

  let server;
  try {
    const allowedOrigins = appOrigins(undefined, process.env.PUSHER_ALLOWED_ORIGINS);
    server = await startPusherProtocolServer({ appId, key, secret, host, port, allowedOrigins, logger: (line) => console.error(line) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      fail(
        `realtime: port ${port} on ${host} is already in use (another realtime server running?); ` +
          "stop it or set PUSHER_PORT to a free port",
      );
    }
    throw error;
  }
  console.log(`realtime: Pusher-protocol server listening on ws://${host}:${server.port} (app ${appId})`);

  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => fail(`realtime: failed to start: ${error instanceof Error ? error.message : String(error)}`));
