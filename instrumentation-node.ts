// Node.js-only start-up (imported by instrumentation.ts when NEXT_RUNTIME is "nodejs"): refuse to serve
// with a broken configuration, saying which variable is wrong in one line rather than failing later on
// the first request.
import { ConfigError, serverEnv } from "@/lib/config/env";

export function checkConfiguration(): void {
  try {
    serverEnv();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.format());
      process.exit(1);
    }
    throw error;
  }
}
