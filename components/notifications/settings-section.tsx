"use client";
// Settings → Notifications (issue 16): this device's choices (browser notifications, sound,
// previews), asked from a click only, and every device of mine with Web Push, each with "Turn off".
import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import type { PushDevice } from "@/lib/chat/notifications/dto";
import { disableNotifications, enableNotifications } from "@/lib/client/notifications/enable";
import { notificationPermission, readPrefs, subscribePrefs, writePrefs, type NotificationPrefs } from "@/lib/client/notifications/prefs";
import { listDevices, removeDevice, setDevicePreviews } from "@/lib/client/notifications/push";

const serverPrefs: NotificationPrefs = { desktop: false, previews: true, promptDismissed: false };
let cachedPrefs: NotificationPrefs | null = null;
let cachedJson = "";
const snapshot = () => {
  const next = readPrefs();
  const json = JSON.stringify(next);
  if (json !== cachedJson) [cachedPrefs, cachedJson] = [next, json];
  return cachedPrefs!;
};

export function NotificationSettings() {
  const prefs = useSyncExternalStore(subscribePrefs, snapshot, () => serverPrefs);
  const [permission, setPermission] = useState<string>("default");
  const [devices, setDevices] = useState<PushDevice[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    listDevices()
      .then(({ devices }) => setDevices(devices))
      .catch(() => setError("Your devices could not be loaded."));
  }, []);
  useEffect(() => {
    const timer = setTimeout(() => {
      setPermission(notificationPermission());
      reload();
    }, 0);
    return () => clearTimeout(timer);
  }, [reload]);

  const turnOn = async () => {
    setPermission(await enableNotifications());
    setTimeout(reload, 1_000);
  };
  const turnOff = async () => {
    await disableNotifications();
    reload();
  };
  const on = prefs.desktop && permission === "granted";
  return (
    <div className="flex flex-col gap-4 text-sm">
      <div>
        <h3 className="font-semibold">This device</h3>
        <p className="text-neutral-600 dark:text-neutral-400" role="status">
          {permission === "unsupported"
            ? "This browser cannot show notifications."
            : permission === "denied"
              ? "Notifications are blocked for Parley in this browser's site settings."
              : on
                ? "Notifications are on for this device."
                : "Notifications are off for this device."}
        </p>
        {permission !== "unsupported" && permission !== "denied" ? (
          <button
            type="button"
            className="mt-2 rounded-full border border-neutral-300 px-4 py-1.5 font-semibold hover:bg-neutral-100 dark:border-neutral-700 dark:hover:bg-neutral-800"
            onClick={() => void (on ? turnOff() : turnOn())}
          >
            {on ? "Turn off notifications on this device" : "Turn on notifications"}
          </button>
        ) : null}
      </div>
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={prefs.previews} onChange={(e) => writePrefs({ previews: e.target.checked })} />
        Show message text in notifications on this device
      </label>
      <div>
        <h3 className="font-semibold">Devices with push notifications</h3>
        {error ? <p role="alert">{error}</p> : null}
        {devices === null ? (
          <p className="text-neutral-600 dark:text-neutral-400">Loading…</p>
        ) : devices.length === 0 ? (
          <p className="text-neutral-600 dark:text-neutral-400">No device receives push notifications.</p>
        ) : (
          <ul aria-label="Devices with push notifications" className="mt-1 flex flex-col gap-2">
            {devices.map((device) => (
              <li key={device.id} className="flex items-center gap-2">
                <span className="flex-1">
                  {device.deviceName}
                  {device.current ? " (this device)" : ""}
                  {device.previews ? "" : " · previews off"}
                </span>
                <button
                  type="button"
                  className="text-xs underline"
                  onClick={() => void setDevicePreviews(device.id, !device.previews).then(reload)}
                  aria-label={`${device.previews ? "Hide" : "Show"} previews on ${device.deviceName}`}
                >
                  {device.previews ? "Hide previews" : "Show previews"}
                </button>
                <button
                  type="button"
                  className="text-xs text-red-700 underline dark:text-red-400"
                  onClick={() => void removeDevice(device.id).then(reload)}
                  aria-label={`Turn off ${device.deviceName}`}
                >
                  Turn off
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
