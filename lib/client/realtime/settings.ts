// Settings capability (issue 15): I changed a setting on one of my devices; every tab of mine
// follows from the store: the theme at once (the sidebar's AccountThemeToggle applies it),
// enter-to-send in the composer, sound and notifications in attention.
import { EVENTS } from "@/lib/realtime/events";
import { isSavingSettings } from "@/lib/client/settings";
import type { Capability } from "./dispatcher";

export const settings: Capability = ({ store }) => ({
  user: {
    // While this tab saves a change, its answer (the stored settings) decides instead.
    [EVENTS.settingsChanged]: (event) => {
      if (!isSavingSettings(store)) store.getState().setSettings(event);
    },
  },
});
