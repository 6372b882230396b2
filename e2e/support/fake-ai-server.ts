// The fake AI provider of the e2e run (Playwright webServer): a real HTTP server streaming OpenAI
// chat-completions SSE with deterministic answers (tests/support/fake-ai-provider.ts).
import { startFakeAiProvider } from "../../tests/support/fake-ai-provider";
import { AI_MOCK_PORT } from "./ai-config";

const server = await startFakeAiProvider(AI_MOCK_PORT);
console.log(`fake AI provider at ${server.url}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void server.close().finally(() => process.exit(0));
  });
}
