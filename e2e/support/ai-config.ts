// Where the e2e run's fake OpenAI-compatible provider listens (tests/support/fake-ai-provider.ts,
// started by Playwright's webServer): the app server gets it as AI_BASE_URL.
export const AI_MOCK_PORT = Number(process.env.E2E_AI_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 8);
export const aiMockUrl = `http://127.0.0.1:${AI_MOCK_PORT}/v1`;
