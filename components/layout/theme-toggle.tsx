"use client";
// Cycles the theme: system → light → dark. The button's name says what it is now. `onChange`: the
// chat sidebar also stores the choice on the account (issue 15).
import { Monitor, Moon, Sun } from "lucide-react";
import { useTheme, type ThemePreference } from "@/lib/client/theme";

const NEXT: Record<ThemePreference, ThemePreference> = { system: "light", light: "dark", dark: "system" };
const LABEL: Record<ThemePreference, string> = { system: "System theme", light: "Light theme", dark: "Dark theme" };

export function ThemeToggle({ className, onChange }: { className?: string; onChange?: (preference: ThemePreference) => void }) {
  const preference = useTheme((s) => s.preference);
  const setPreference = useTheme((s) => s.setPreference);
  const Icon = preference === "dark" ? Moon : preference === "light" ? Sun : Monitor;
  return (
    <button
      type="button"
      onClick={() => {
        setPreference(NEXT[preference]);
        onChange?.(NEXT[preference]);
      }}
      aria-label={`Theme: ${LABEL[preference]}. Switch to ${LABEL[NEXT[preference]].toLowerCase()}`}
      title={`${LABEL[preference]} (click to change)`}
      className={`icon-button ${className ?? ""}`}
    >
      <Icon aria-hidden className="size-5" />
    </button>
  );
}
