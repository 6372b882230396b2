// Runs once when the Next.js server starts: refuse to serve with a broken configuration, saying
// which variable is wrong in one line rather than failing later on the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { ConfigError, serverEnv } = await import("@/lib/config/env");
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
