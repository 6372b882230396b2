// Reading my settings (issue 15), and whether a user wants message notifications (the push path).
import "server-only";
import { db } from "@/lib/db/client";
import { toUserSettings, type UserSettings } from "./values";

export const settingsSelect = { theme: true, enterToSend: true, sound: true, notifications: true } as const;

export async function getSettings(userId: string): Promise<UserSettings> {
  return toUserSettings(await db.userSettings.findUnique({ where: { userId }, select: settingsSelect }));
}
