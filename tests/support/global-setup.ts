// Vitest global setup: one real database and one real realtime server for the whole run.
// - Default: an in-memory embedded PostgreSQL (PGlite over the wire protocol).
// - TEST_DATABASE_URL=postgresql://…: a real PostgreSQL server; a fresh database is created for the
//   run and dropped afterwards, so the suite never touches existing data.
// Migrations are applied exactly as at app start-up. Workers inherit the environment set here.
import { randomBytes } from "node:crypto";
import pg from "pg";
import webpush from "web-push";
import { startEmbeddedPostgres } from "@/lib/embedded/postgres/embedded-postgres";
import { migrate } from "@/lib/db/migrate";
import { startPusherProtocolServer } from "@/lib/embedded/realtime-server/pusher-protocol-server";
import { startMailServer } from "./mail-server";

export default async function setup() {
  const cleanups: (() => Promise<void>)[] = [];
  let databaseUrl: string;
  const realServer = process.env.TEST_DATABASE_URL;
  if (realServer) {
    const name = `parley_test_${Date.now()}_${randomBytes(3).toString("hex")}`;
    const admin = new pg.Client({ connectionString: realServer });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(realServer);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    cleanups.push(async () => {
      const client = new pg.Client({ connectionString: realServer });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    });
  } else {
    const embedded = await startEmbeddedPostgres({ dataDir: "memory://" });
    databaseUrl = embedded.url;
    cleanups.push(() => embedded.close());
  }
  await migrate(databaseUrl);

  const credentials = { appId: "424242", key: "test-key", secret: randomBytes(16).toString("hex") };
  const realtime = await startPusherProtocolServer({ ...credentials, host: "127.0.0.1", port: 0 });
  cleanups.push(() => realtime.close());

  // Every mail the app sends goes to a real local SMTP server; tests read it through its inbox.
  const mail = await startMailServer();
  cleanups.push(() => mail.close());

  const vapid = webpush.generateVAPIDKeys();
  Object.assign(process.env, {
    SMTP_URL: `smtp://127.0.0.1:${mail.smtpPort}`,
    MAIL_FROM: "Parley <no-reply@parley.test>",
    TEST_MAIL_INBOX_URL: mail.inboxUrl,
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: "4",
    PUSHER_APP_ID: credentials.appId,
    PUSHER_KEY: credentials.key,
    PUSHER_SECRET: credentials.secret,
    PUSHER_CLUSTER: "local",
    PUSHER_HOST: "127.0.0.1",
    PUSHER_PORT: String(realtime.port),
    PUSHER_USE_TLS: "false",
    NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
    NEXTAUTH_URL: "http://localhost:3000",
    // Web Push (issue 16): the pushes of tests/integration/notifications.test.ts are signed with it.
    VAPID_PUBLIC_KEY: vapid.publicKey,
    VAPID_PRIVATE_KEY: vapid.privateKey,
    // No background push worker: its reads would land in other files' statement counts;
    // tests/integration/notifications.test.ts drains the queue itself (drainPushQueue).
    PUSH_WORKER: "off",
    // The suites model one reverse proxy in front of the app (X-Forwarded-For carries the client);
    // tests/security/sign-in-limits.test.ts checks TRUST_PROXY=0 explicitly.
    TRUST_PROXY: "1",
  });

  return async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
}
