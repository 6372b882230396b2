// The model: any OpenAI-compatible chat-completions endpoint through the AI SDK. The key is sent
// only to AI_BASE_URL, from the server.
import "server-only";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModel } from "ai";
import type { AssistantConfig } from "./config";

export function assistantModel(config: AssistantConfig): LanguageModel {
  const provider = createOpenAICompatible({
    name: "parley-assistant",
    baseURL: config.baseURL,
    apiKey: config.apiKey,
    // Token counts in the stream's last chunk: the daily budget counts them.
    includeUsage: true,
  });
  return provider.chatModel(config.model);
}
