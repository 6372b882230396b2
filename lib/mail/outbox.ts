// The local outbox: with no SMTP server configured (development, tests, and production runs that
// say MAIL_TRANSPORT=outbox), every mail is written as one JSON file to {PARLEY_DATA_DIR}/mail, the
// dev-only page /dev/mail lists them, and the launcher's console shows each link.
import "server-only";
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

export interface StoredMail {
  id: string;
  at: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

export function outboxDir(dataDir = process.env.PARLEY_DATA_DIR || ".data"): string {
  return path.resolve(dataDir, "mail");
}

export async function writeToOutbox(mail: Omit<StoredMail, "id" | "at">, dir = outboxDir()): Promise<StoredMail> {
  const stored: StoredMail = { id: randomUUID(), at: new Date().toISOString(), ...mail };
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  // Time-ordered names: the newest sorts last.
  await fs.writeFile(path.join(dir, `${stored.at.replace(/[:.]/g, "-")}-${stored.id}.json`), JSON.stringify(stored), { mode: 0o600 });
  return stored;
}

/** The newest mails first (at most `limit`). */
export async function readOutbox(limit = 50, dir = outboxDir()): Promise<StoredMail[]> {
  let names: string[];
  try {
    names = (await fs.readdir(dir)).filter((name) => name.endsWith(".json"));
  } catch {
    return [];
  }
  names.sort().reverse();
  const mails: StoredMail[] = [];
  for (const name of names.slice(0, limit)) {
    try {
      mails.push(JSON.parse(await fs.readFile(path.join(dir, name), "utf8")) as StoredMail);
    } catch {
      // a file being written, or not ours: skip it
    }
  }
  return mails;
}
