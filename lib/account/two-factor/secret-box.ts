// The TOTP secret must be read back to check codes, so it cannot be hashed: it is encrypted at rest
// with AES-256-GCM under a key derived from NEXTAUTH_SECRET (HKDF), so a copy of the database alone
// does not yield second factors.
import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { serverEnv } from "@/lib/config/env";

function key(): Buffer {
  const secret = serverEnv().NEXTAUTH_SECRET ?? process.env.NEXTAUTH_SECRET ?? "";
  return Buffer.from(hkdfSync("sha256", secret, "parley", "two-factor-secret", 32));
}

export function seal(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), body.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

export function open(sealed: string): string {
  const [version, iv, body, tag] = sealed.split(".");
  if (version !== "v1" || !iv || !body || !tag) throw new Error("unknown sealed format");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}
