// This device's notification preferences (issue 16), kept in localStorage: browser notifications
// while Parley is open but hidden, and message previews in them. Per device on purpose: each
// browser asks its own permission, and a phone and a desktop differ. The sound and notifications
// at all are account settings (issue 15, lib/chat/settings), the same on every device.
// Browser-only; loaded with the notification UI (not first-load JavaScript).

export interface NotificationPrefs {
  /** Browser notifications on this device (turned on from the in-app prompt or Settings). */
  desktop: boolean;
  /** Show the message text in notifications; off: "New message" (default on). */
  previews: boolean;
  /** The in-app prompt was dismissed with "Not now". */
  promptDismissed: boolean;
}

const KEY = "parley.notifications";
const DEFAULTS: NotificationPrefs = { desktop: false, previews: true, promptDismissed: false };
const listeners = new Set<() => void>();

export function readPrefs(): NotificationPrefs {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? "{}") as Partial<NotificationPrefs>;
    return {
      desktop: typeof stored.desktop === "boolean" ? stored.desktop : DEFAULTS.desktop,
      previews: typeof stored.previews === "boolean" ? stored.previews : DEFAULTS.previews,
      promptDismissed: stored.promptDismissed === true,
    };
  } catch {
    return { ...DEFAULTS };
  }
}

export function writePrefs(patch: Partial<NotificationPrefs>): NotificationPrefs {
  const next = { ...readPrefs(), ...patch };
  try {
    localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
  for (const listener of listeners) listener();
  return next;
}

/** For useSyncExternalStore: changes from this tab and from other tabs (storage event). */
export function subscribePrefs(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => event.key === KEY && listener();
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

/** The browser's permission, or "unsupported" (no Notification API, e.g. an in-app browser). */
export type PermissionState = NotificationPermission | "unsupported";

export const notificationPermission = (): PermissionState =>
  typeof Notification === "undefined" ? "unsupported" : Notification.permission;
