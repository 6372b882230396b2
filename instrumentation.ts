// Runs once when the Next.js server starts. Next.js also analyses this file for the Edge runtime, so
// the Node-only start-up checks live in instrumentation-node.ts, imported only on the Node.js runtime.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkConfiguration } = await import("./instrumentation-node");
    checkConfiguration();
  }
}
