// Tailwind v4 reads its theme from app/globals.css; this file (loaded there with @config) holds
// the settings that are easier to keep in TypeScript.
import type { Config } from "tailwindcss";

export default {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  darkMode: "class",
} satisfies Config;
