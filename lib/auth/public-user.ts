// What other code may read about a user. Every query that returns users to a page, an API response,
// a server-action result or a realtime event selects through one of these: hashedPassword, tokens
// and (other users') emails never leave the server.
export const publicUserSelect = { id: true, name: true, image: true } as const;

export interface PublicUser {
  id: string;
  name: string | null;
  image: string | null;
}

/** Field names that must never appear in anything sent to a browser. */
export const SECRET_FIELD_NAMES = [
  "hashedPassword",
  "access_token",
  "refresh_token",
  "id_token",
  "session_state",
  "tokenHash",
  "codeHash",
] as const;

/**
 * Finds secrets in a value about to leave the server (or that did: a page, a JSON body, an event):
 * any SECRET_FIELD_NAMES key, any bcrypt hash, and any of the given forbidden strings (other
 * users' emails, token values). Returns human-readable findings; empty means clean.
 */
export function findSecretLeaks(value: unknown, forbidden: readonly string[] = []): string[] {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? "");
  const findings: string[] = [];
  for (const name of SECRET_FIELD_NAMES) if (text.includes(name)) findings.push(`field name "${name}"`);
  if (/\$2[abxy]\$\d{2}\$[./A-Za-z0-9]{53}/.test(text)) findings.push("a bcrypt hash");
  for (const secret of forbidden) if (secret && text.includes(secret)) findings.push(`forbidden value "${secret.slice(0, 6)}…"`);
  return findings;
}
