// Runs the test S3 server standalone (tests/support/s3-server.ts) and prints the S3_* variables
// that point the app at it:
//   node --conditions=react-server --import tsx tests/support/s3-server-cli.ts   (S3_TEST_PORT, default any)
// (react-server: lib/storage/s3.ts, whose signer it uses, is a server-only module.)
import { startS3TestServer } from "./s3-server";

const s3 = await startS3TestServer({ port: Number(process.env.S3_TEST_PORT ?? 0) });
const env = {
  S3_BUCKET: s3.bucket,
  S3_ACCESS_KEY_ID: s3.accessKeyId,
  S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
  S3_REGION: s3.region,
  S3_ENDPOINT: s3.endpoint,
  S3_FORCE_PATH_STYLE: "true",
};
console.log(`s3: listening ${JSON.stringify(env)}`);
let refused = 0;
setInterval(() => {
  if (s3.refused !== refused) console.error(`s3: ${s3.refused - refused} request(s) refused (bad signature)`);
  refused = s3.refused;
}, 1_000).unref();
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void s3.close().then(() => process.exit(0)));
