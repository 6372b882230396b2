// The assistant's own User row: a bot member with no e-mail, password or account (it cannot sign
// in), marked by an AssistantBot row. Created on first use; concurrent first uses converge on the
// one row (AssistantBot.key is unique).
import "server-only";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/chat/kernel/access";

export const ASSISTANT_BOT_KEY = "parley";
export const ASSISTANT_NAME = "Parley AI";

const globalForBot = globalThis as unknown as { parleyAssistantBotId?: string };

async function findBot(): Promise<string | null> {
  const row = await db.assistantBot.findUnique({ where: { key: ASSISTANT_BOT_KEY }, select: { userId: true } });
  return row?.userId ?? null;
}

/** The bot's user id (created on first use). */
export async function assistantBotId(): Promise<string> {
  const cached = globalForBot.parleyAssistantBotId;
  if (cached) return cached;
  let id = await findBot();
  if (!id) {
    try {
      id = await db.$transaction(async (tx) => {
        const user = await tx.user.create({ data: { name: ASSISTANT_NAME }, select: { id: true } });
        await tx.assistantBot.create({ data: { key: ASSISTANT_BOT_KEY, userId: user.id } });
        return user.id;
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      id = await findBot();
      if (!id) throw error;
    }
  }
  globalForBot.parleyAssistantBotId = id;
  return id;
}

/** Test seam: a fresh database has no bot yet. */
export function forgetAssistantBotForTests(): void {
  if (process.env.NODE_ENV !== "test") throw new Error("forgetAssistantBotForTests is for tests only");
  globalForBot.parleyAssistantBotId = undefined;
}
