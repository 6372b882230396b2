"use client";
// My app settings in the browser (issue 15): a change shows at once (optimistic), is stored on the
// account by the server action, and reaches my other tabs and devices through user:settings; a
// refusal puts the held settings back and says why. While a change of this tab is on its way, the
// echoes of its earlier changes (answers, my own user:settings events) would undo the newer choice
// for a moment (the theme toggle clicked three times): only the last answer is applied. The sidebar
// applies the account's theme (components/chat/sidebar.tsx), so a new device opens in the theme I
// picked elsewhere.
import { updateSettingsAction } from "@/app/settings/actions";
import type { UserSettings } from "@/lib/chat/settings/values";
import { callAction } from "@/lib/client/call-action";
import type { ChatStore } from "@/lib/client/store";

const saving = new WeakMap<ChatStore, number>();

/** A change of this tab is on its way: events about settings wait for its answer. */
export const isSavingSettings = (store: ChatStore): boolean => (saving.get(store) ?? 0) > 0;

export async function saveSettings(store: ChatStore, change: Partial<UserSettings>): Promise<void> {
  saving.set(store, (saving.get(store) ?? 0) + 1);
  const held = store.getState().settings;
  store.getState().setSettings({ ...held, ...change });
  let saved: UserSettings | null = null;
  try {
    saved = await callAction(() => updateSettingsAction(change));
  } finally {
    const left = (saving.get(store) ?? 1) - 1;
    saving.set(store, left);
    // The last answer holds every earlier change of this tab; a refusal puts back what was held.
    if (left === 0) store.getState().setSettings(saved ?? held);
  }
}
