// The model, through the AI SDK provider AI_PROVIDER names: any OpenAI-compatible chat-completions
// endpoint (the default), Anthropic's Messages API or Google's Gemini API (their AI SDK providers,
// tests/integration/assistant-providers.test.ts). The key is sent only to that provider (or
// AI_BASE_URL), from the server.
import "server-only";
import { createAnthropic } from "@ai-sdk/anthropic";
import { createGoogleGenerativeAI } from "@ai-sdk/google";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModel } from "ai";
import type { AssistantConfig } from "./config";

export function assistantModel(config: AssistantConfig): LanguageModel {
  switch (config.provider) {
    case "anthropic":
      return createAnthropic({ baseURL: config.baseURL, apiKey: config.apiKey })(config.model);
    case "google":
      return createGoogleGenerativeAI({ baseURL: config.baseURL, apiKey: config.apiKey })(config.model);
    case "openai-compatible":
      return createOpenAICompatible({
        name: "parley-assistant",
        // Required for this provider (assistantConfig returns null without it).
        baseURL: config.baseURL!,
        apiKey: config.apiKey,
        // Token counts in the stream's last chunk: the daily budget counts them.
        includeUsage: true,
      }).chatModel(config.model);
  }
}
