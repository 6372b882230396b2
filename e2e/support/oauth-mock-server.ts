// Local OAuth 2 / OpenID Connect servers for the e2e tests (started by Playwright's webServer,
// on fixed ports so the app server knows their URLs at start-up):
//   - a GitHub-shaped provider: plain OAuth 2 (no id_token), /userinfo answers like api.github.com/user;
//   - a generic OIDC issuer: discovery, JWKS, and an id_token carrying the test identity.
// The authorize endpoint approves at once. A test picks who signs in next with
//   POST {server}/__test/identity {sub, email, name, email_verified}.
import http from "node:http";
import { OAuth2Issuer, OAuth2Service } from "oauth2-mock-server";
import { OAUTH_MOCK } from "./oauth-mock-config";

interface Identity {
  sub: string;
  email: string | null;
  name: string;
  email_verified: boolean;
}

async function start(flavour: "github" | "oidc", port: number) {
  const issuer = new OAuth2Issuer();
  issuer.url = `http://127.0.0.1:${port}`;
  await issuer.keys.generate("RS256");
  const service = new OAuth2Service(issuer);
  let identity: Identity = { sub: "1000", email: "mock@example.test", name: "Mock User", email_verified: true };

  if (flavour === "github") {
    // GitHub's token endpoint returns no id_token (openid-client refuses one in a plain OAuth flow).
    service.on("beforeResponse", (response: { body: Record<string, unknown> }) => {
      delete response.body.id_token;
    });
    service.on("beforeUserinfo", (response: { body: unknown }) => {
      response.body = {
        id: Number(identity.sub),
        login: identity.name.toLowerCase().replace(/\W+/g, "-"),
        name: identity.name,
        email: identity.email_verified ? identity.email : null,
        avatar_url: null,
      };
    });
  } else {
    service.on("beforeTokenSigning", (token: { payload: Record<string, unknown> }) => {
      Object.assign(token.payload, {
        sub: identity.sub,
        email: identity.email,
        email_verified: identity.email_verified,
        name: identity.name,
      });
    });
    service.on("beforeUserinfo", (response: { body: unknown }) => {
      response.body = { sub: identity.sub, email: identity.email, email_verified: identity.email_verified, name: identity.name };
    });
  }

  const handler = service.requestHandler;
  const server = http.createServer((req, res) => {
    if (req.url === "/__test/identity" && req.method === "POST") {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        identity = JSON.parse(body) as Identity;
        res.writeHead(204).end();
      });
      return;
    }
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  console.log(`oauth mock (${flavour}) at ${issuer.url}`);
  return server;
}

const servers = await Promise.all([start("github", OAUTH_MOCK.githubPort), start("oidc", OAUTH_MOCK.oidcPort)]);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    for (const server of servers) server.close();
    process.exit(0);
  });
}
