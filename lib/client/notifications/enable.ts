// Turning notifications on for this device, always from a click (issue 16: the permission is asked
// from the in-app prompt or Settings, never on page load).
import { notificationPermission, writePrefs, type PermissionState } from "./prefs";
import { subscribeThisDevice, unsubscribeThisDevice } from "./push";

/**
 * Asks the browser's permission (a click must lead here) and turns notifications on when granted:
 * browser notifications while Parley is open, and Web Push for when it is not (in the background:
 * a push service that never answers does not hold the prompt up).
 */
export async function enableNotifications(): Promise<PermissionState> {
  if (notificationPermission() === "unsupported") return "unsupported";
  const permission = await Notification.requestPermission();
  if (permission === "granted") {
    writePrefs({ desktop: true });
    void subscribeThisDevice().catch(() => false);
  }
  return permission;
}

/** Turns this device's notifications off (the browser's permission stays as the user set it). */
export async function disableNotifications(): Promise<void> {
  writePrefs({ desktop: false });
  await unsubscribeThisDevice();
}
