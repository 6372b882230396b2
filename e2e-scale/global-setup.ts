// Starts the cluster process (e2e-scale/support/cluster-cli.ts) once for the suite and stops it
// afterwards; the specs find it through SCALE_CONTROL_URL.
import { spawn } from "node:child_process";

export default async function globalSetup(): Promise<() => Promise<void>> {
  const child = spawn(process.execPath, ["--import", "tsx", "e2e-scale/support/cluster-cli.ts"], {
    stdio: ["ignore", "pipe", "inherit"],
    detached: true,
    env: process.env,
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const ready = await new Promise<{ controlUrl: string; secret: string }>((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`the scale cluster did not start within 180 s:\n${output}`)), 180_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
      const match = /scale: ready (\{.*\})/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(JSON.parse(match[1]!) as { controlUrl: string; secret: string });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the scale cluster exited (${code}) during start-up:\n${output}`));
    });
  });
  process.env.SCALE_CONTROL_URL = ready.controlUrl;
  return async () => {
    try {
      process.kill(child.pid!, "SIGTERM");
    } catch {
      return;
    }
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // gone
    }
  };
}
