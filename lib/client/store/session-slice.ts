// Session slice: who I am, the database provider (message id format), my app settings (issue 15:
// kept on the account, followed live through user:settings), the open conversation and the realtime
// connection state.
import type { SafeUser } from "@/lib/chat/kernel/dto";
import { DEFAULT_SETTINGS, type UserSettings } from "@/lib/chat/settings/values";
import type { DatabaseProvider } from "@/lib/chat/kernel/ids";
import type { ChatSlice } from "./types";

export interface SessionSlice {
  me: SafeUser;
  provider: DatabaseProvider;
  settings: UserSettings;
  activeId: string | null;
  /** pusher-js connection state ("connected", "connecting", "unavailable", …). */
  connection: string;
  setConnection(state: string): void;
  setActive(id: string | null): void;
  setSettings(settings: UserSettings): void;
}

export const createSessionSlice: ChatSlice<SessionSlice> = (init) => (set) => ({
  me: init.me,
  provider: init.provider,
  settings: init.settings ?? DEFAULT_SETTINGS,
  activeId: null,
  connection: "initialized",

  setConnection(connection) {
    // Presence is unknown while disconnected (issue 16): nobody shows "Active now" from a stale
    // list; the presence channels' resubscription fills it again on reconnect.
    set(connection === "connected" ? { connection } : { connection, presence: {}, typing: {} });
  },
  setActive(id) {
    set({ activeId: id });
  },
  setSettings(settings) {
    set({ settings });
  },
});
