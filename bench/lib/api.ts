// A signed-in HTTP client for one benchmark user (same-origin headers, as a browser sends them).
export interface ApiClient {
  userId: string;
  cookie: string;
  get(path: string): Promise<Response>;
  post(path: string, body: unknown): Promise<Response>;
}

export function apiClient(baseUrl: string, userId: string, cookie: string): ApiClient {
  const headers = { cookie, origin: baseUrl };
  return {
    userId,
    cookie,
    get: (path) => fetch(`${baseUrl}${path}`, { headers }),
    post: (path, body) =>
      fetch(`${baseUrl}${path}`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
  };
}

export async function expectOk(response: Response, what: string): Promise<unknown> {
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}
