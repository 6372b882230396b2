// Where the e2e OAuth mock servers listen, and the provider configuration the app server gets.
export const OAUTH_MOCK = {
  githubPort: Number(process.env.E2E_OAUTH_GITHUB_PORT ?? 3101),
  oidcPort: Number(process.env.E2E_OAUTH_OIDC_PORT ?? 3102),
  oidcName: "Test SSO",
};

export const githubMockUrl = `http://127.0.0.1:${OAUTH_MOCK.githubPort}`;
export const oidcMockUrl = `http://127.0.0.1:${OAUTH_MOCK.oidcPort}`;

/** Environment for the app server: both providers point at the mock servers. */
export function oauthMockAppEnv(): Record<string, string> {
  return {
    AUTH_GITHUB_ID: "e2e-github-client",
    AUTH_GITHUB_SECRET: "e2e-github-secret",
    AUTH_GITHUB_AUTHORIZATION_URL: `${githubMockUrl}/authorize`,
    AUTH_GITHUB_TOKEN_URL: `${githubMockUrl}/token`,
    AUTH_GITHUB_USERINFO_URL: `${githubMockUrl}/userinfo`,
    AUTH_OIDC_ISSUER: oidcMockUrl,
    AUTH_OIDC_CLIENT_ID: "e2e-oidc-client",
    AUTH_OIDC_CLIENT_SECRET: "e2e-oidc-secret",
    AUTH_OIDC_NAME: OAUTH_MOCK.oidcName,
  };
}
