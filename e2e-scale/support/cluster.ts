// What the specs may do to the cluster (through e2e-scale/support/cluster-cli.ts's control API) and
// read from it, plus API helpers that go through the proxy like a browser would.
import { expect, type APIRequestContext, type Page } from "@playwright/test";

export interface InstanceState {
  index: number;
  port: number;
  url: string;
  running: boolean;
  healthy: boolean;
  served: number;
}

export interface ClusterState {
  url: string;
  instances: InstanceState[];
  stats: { requests: number; retries: number; failures: number; serverErrors: number; failureLog: string[] };
}

async function control<T = ClusterState>(path: string, method = "POST"): Promise<T> {
  const base = process.env.SCALE_CONTROL_URL;
  if (!base) throw new Error("SCALE_CONTROL_URL is unset: run through playwright.scale.config.ts");
  const response = await fetch(`${base}${path}`, { method });
  const body = (await response.json()) as T;
  if (!response.ok) throw new Error(`control ${path}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

export const cluster = {
  state: () => control("/state", "GET"),
  resetProxyStats: () => control("/proxy/reset"),
  kill: (index: number) => control(`/instances/${index}/kill`),
  terminate: (index: number) =>
    control<ClusterState & { code: number | null; ms: number; output: string }>(`/instances/${index}/terminate`),
  start: (index: number) => control(`/instances/${index}/start`),
  /** Every instance running and in rotation again (after a spec stopped one). */
  async restoreAll(): Promise<void> {
    for (const instance of (await this.state()).instances) if (!instance.running) await this.start(instance.index);
  },
};

/** Which instance answered each POST to a path matching `pattern`, as the proxy says (x-served-by). */
export function recordServedBy(page: Page, pattern: RegExp): Set<string> {
  const served = new Set<string>();
  page.on("response", (response) => {
    if (response.request().method() === "POST" && pattern.test(response.url())) {
      const by = response.headers()["x-served-by"];
      if (by) served.add(by);
    }
  });
  return served;
}

/** Every message of a conversation (all pages, oldest first), read through the API. */
export async function allMessages(request: APIRequestContext, conversationId: string): Promise<{ id: string; body: string | null }[]> {
  const messages: { id: string; body: string | null }[] = [];
  let before: string | null = null;
  for (;;) {
    const query: string = before ? `?limit=50&before=${encodeURIComponent(before)}` : "?limit=50";
    const response = await request.get(`/api/conversations/${conversationId}/messages${query}`);
    expect(response.status(), await response.text()).toBe(200);
    const page = (await response.json()) as {
      messages: { id: string; body: string | null }[];
      hasOlder: boolean;
      olderCursor: string | null;
    };
    messages.push(...page.messages);
    if (!page.hasOlder || !page.olderCursor) break;
    before = page.olderCursor;
  }
  return messages.reverse();
}
