// Theme preference: "system" (default, follows prefers-color-scheme), "light" or "dark", kept in
// localStorage and applied as the `dark` class on <html> (Tailwind's class strategy).
import { create } from "zustand";
import { THEME_STORAGE_KEY, type ThemePreference } from "./theme-script";

export { THEME_STORAGE_KEY, type ThemePreference };

function readPreference(): ThemePreference {
  if (typeof window === "undefined") return "system";
  try {
    const value = window.localStorage.getItem(THEME_STORAGE_KEY);
    return value === "light" || value === "dark" ? value : "system";
  } catch {
    return "system";
  }
}

export function resolveTheme(preference: ThemePreference): "light" | "dark" {
  if (preference !== "system") return preference;
  return typeof window !== "undefined" && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

export function applyTheme(preference: ThemePreference): "light" | "dark" {
  const resolved = resolveTheme(preference);
  document.documentElement.classList.toggle("dark", resolved === "dark");
  document.documentElement.style.colorScheme = resolved;
  return resolved;
}

interface ThemeState {
  preference: ThemePreference;
  resolved: "light" | "dark";
  hydrate(): void;
  setPreference(preference: ThemePreference): void;
}

export const useTheme = create<ThemeState>()((set) => ({
  preference: "system",
  resolved: "light",
  hydrate() {
    const preference = readPreference();
    set({ preference, resolved: applyTheme(preference) });
  },
  setPreference(preference) {
    try {
      if (preference === "system") window.localStorage.removeItem(THEME_STORAGE_KEY);
      else window.localStorage.setItem(THEME_STORAGE_KEY, preference);
    } catch {
      // private mode: the choice lasts for this page only
    }
    set({ preference, resolved: applyTheme(preference) });
  },
}));
