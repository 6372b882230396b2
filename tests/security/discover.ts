// Finds every entry point of the app from the code itself, so a new one cannot be forgotten by
// the authorization matrix: route handlers (each exported HTTP method of app/**/route.ts), server
// actions (each export of a module starting with "use server"), realtime channel kinds.
import fs from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
const SOURCE_DIRS = ["app", "lib", "components"];
const SKIP = new Set(["node_modules", ".next", "generated"]);

function walk(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (/\.(ts|tsx|js|jsx|mjs)$/.test(entry.name)) out.push(full);
  }
  return out;
}

const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join("/");

export interface DiscoveredRoute {
  key: string;
  file: string;
  method: string;
  urlPath: string;
}

/** "app/api/conversations/[id]/route.ts" → "/api/conversations/[id]" (route groups removed). */
export function urlPathOf(file: string): string {
  const segments = rel(file)
    .split("/")
    .slice(1, -1)
    .filter((s) => !/^\(.*\)$/.test(s) && !s.startsWith("@"));
  return `/${segments.join("/")}`;
}

export async function discoverRoutes(): Promise<DiscoveredRoute[]> {
  const files = walk(path.join(ROOT, "app")).filter((f) => /\/route\.(ts|js|mjs|tsx)$/.test(f));
  const found: DiscoveredRoute[] = [];
  for (const file of files) {
    const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
    for (const method of HTTP_METHODS) {
      if (typeof mod[method] === "function")
        found.push({ key: `${method} ${urlPathOf(file)}`, file: rel(file), method, urlPath: urlPathOf(file) });
    }
  }
  return found.sort((a, b) => a.key.localeCompare(b.key));
}

export interface DiscoveredAction {
  key: string;
  file: string;
  name: string;
}

const DIRECTIVE = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*["']use server["']/;

/** Server-action modules; a "use server" directive inside a function (inline action) is reported as a problem. */
export function discoverActionModules(): { modules: string[]; inline: string[] } {
  const modules: string[] = [];
  const inline: string[] = [];
  for (const dir of SOURCE_DIRS) {
    for (const file of walk(path.join(ROOT, dir))) {
      const source = fs.readFileSync(file, "utf8");
      if (!/["']use server["']/.test(source)) continue;
      if (DIRECTIVE.test(source)) modules.push(rel(file));
      else inline.push(rel(file));
    }
  }
  return { modules: modules.sort(), inline: inline.sort() };
}

export async function discoverActions(): Promise<DiscoveredAction[]> {
  const found: DiscoveredAction[] = [];
  for (const file of discoverActionModules().modules) {
    const mod = (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value === "function") found.push({ key: `${file}#${name}`, file, name });
    }
  }
  return found.sort((a, b) => a.key.localeCompare(b.key));
}

/** The `kind`s of the ParsedChannel union in lib/realtime/channels.ts. */
export function discoverChannelKinds(): string[] {
  const source = fs.readFileSync(path.join(ROOT, "lib/realtime/channels.ts"), "utf8");
  const union = /export type ParsedChannel\s*=([\s\S]*?);/.exec(source)?.[1] ?? "";
  const kinds = [...union.matchAll(/kind:\s*"([^"]+)"/g)].map((m) => m[1]!);
  const patterns = [...source.matchAll(/kind:\s*"([^"]+)"/g)].map((m) => m[1]!);
  return [...new Set([...kinds, ...patterns])].sort();
}
