// Shared by the root layout (server) and the theme store (client): no imports, no React.
export type ThemePreference = "system" | "light" | "dark";
export const THEME_STORAGE_KEY = "parley-theme";

/** Runs before first paint (inline in the root layout) so there is no flash of the wrong theme. */
export const themeBootScript = `(function(){try{var p=localStorage.getItem("${THEME_STORAGE_KEY}");var d=p==="dark"||((p!=="light")&&window.matchMedia("(prefers-color-scheme: dark)").matches);document.documentElement.classList.toggle("dark",d);document.documentElement.style.colorScheme=d?"dark":"light";}catch(e){}})();`;
