// Runs the embedded S3-protocol server (lib/embedded/s3-server) standalone, objects in a temporary
// folder removed on exit, and prints the S3_* variables that point the app at it:
//   node --conditions=react-server --import tsx tests/support/s3-server-cli.ts
// S3_TEST_PORT (default any free port); S3_TEST_CORS_ORIGINS, comma-separated, the app origins a
// browser may PUT presigned parts from (direct attachment uploads).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startS3Server } from "@/lib/embedded/s3-server/s3-server";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-s3-"));
const env = {
  S3_BUCKET: "parley-test",
  S3_ACCESS_KEY_ID: "TESTACCESSKEY",
  S3_SECRET_ACCESS_KEY: "test-secret-access-key",
  S3_REGION: "us-east-1",
};
const s3 = await startS3Server({
  dir,
  port: Number(process.env.S3_TEST_PORT ?? 0),
  bucket: env.S3_BUCKET,
  accessKeyId: env.S3_ACCESS_KEY_ID,
  secretAccessKey: env.S3_SECRET_ACCESS_KEY,
  region: env.S3_REGION,
  corsOrigins: (process.env.S3_TEST_CORS_ORIGINS ?? "").split(",").filter(Boolean),
});
console.log(`s3: listening ${JSON.stringify({ ...env, S3_ENDPOINT: s3.url, S3_FORCE_PATH_STYLE: "true" })}`);
let refused = 0;
setInterval(() => {
  if (s3.refused !== refused) console.error(`s3: ${s3.refused - refused} request(s) refused (bad signature)`);
  refused = s3.refused;
}, 1_000).unref();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(
    signal,
    () =>
      void s3.close().then(() => {
        fs.rmSync(dir, { recursive: true, force: true });
        process.exit(0);
      }),
  );
}
