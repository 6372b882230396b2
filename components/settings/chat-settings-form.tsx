"use client";
// Settings → Chats (issue 15): theme, enter-to-send, sound and notifications, stored on my account
// (lib/chat/settings), so every device of mine follows them — open chat tabs at once (user:settings).
// Each control saves as it changes; a refusal puts the control back and says why.
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { updateSettingsAction } from "@/app/settings/actions";
import { THEMES, type Theme, type UserSettings } from "@/lib/chat/settings/values";
import { NETWORK_MESSAGE } from "@/lib/client/api";
import { useTheme } from "@/lib/client/theme";

const THEME_LABELS: Record<Theme, string> = { system: "Same as my device", light: "Light", dark: "Dark" };

const SWITCHES: { key: "enterToSend" | "sound" | "notifications"; label: string; hint: string }[] = [
  { key: "enterToSend", label: "Enter sends the message", hint: "Off: Enter adds a new line and Ctrl+Enter sends." },
  { key: "sound", label: "Play a sound for new messages", hint: "In chats that are not open; never for muted chats or while busy." },
  {
    key: "notifications",
    label: "Message notifications",
    hint: "Off: no push and no browser notification on any of your devices.",
  },
];

export function ChatSettingsForm({ settings: initial }: { settings: UserSettings }) {
  const [settings, setSettings] = useState(initial);
  const [state, setState] = useState<{ kind: "saved" | "error"; message: string } | null>(null);

  async function save(change: Partial<UserSettings>) {
    const held = settings;
    setSettings({ ...held, ...change });
    if (change.theme) useTheme.getState().setPreference(change.theme);
    let saved: UserSettings | null = null;
    let message = NETWORK_MESSAGE;
    try {
      const result = await updateSettingsAction(change);
      if (result.ok) saved = result.data;
      else message = result.error.message;
    } catch {
      // no answer: the network message
    }
    if (saved) {
      setSettings(saved);
      setState({ kind: "saved", message: "Saved." });
    } else {
      setSettings(held);
      if (change.theme) useTheme.getState().setPreference(held.theme);
      setState({ kind: "error", message });
    }
  }

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-1.5">
        <label htmlFor="settings-theme" className="text-sm font-medium text-neutral-800 dark:text-neutral-200">
          Theme
        </label>
        <select
          id="settings-theme"
          value={settings.theme}
          onChange={(e) => void save({ theme: e.target.value as Theme })}
          className="rounded-lg border border-neutral-300 bg-white px-3 py-2 text-base dark:border-neutral-700 dark:bg-neutral-900"
        >
          {THEMES.map((theme) => (
            <option key={theme} value={theme}>
              {THEME_LABELS[theme]}
            </option>
          ))}
        </select>
      </div>
      {SWITCHES.map(({ key, label, hint }) => (
        <div key={key} className="flex flex-col gap-0.5">
          <label className="flex items-center gap-2 text-sm font-medium">
            <input
              type="checkbox"
              checked={settings[key]}
              aria-describedby={`settings-${key}-hint`}
              onChange={(e) => void save({ [key]: e.target.checked })}
            />
            {label}
          </label>
          <p id={`settings-${key}-hint`} className="pl-6 text-xs text-neutral-600 dark:text-neutral-400">
            {hint}
          </p>
        </div>
      ))}
      <div role="status" className="empty:hidden">
        {state?.kind === "saved" ? <p className="text-sm text-neutral-600 dark:text-neutral-400">{state.message}</p> : null}
      </div>
      {state?.kind === "error" ? <Alert>{state.message}</Alert> : null}
    </div>
  );
}
