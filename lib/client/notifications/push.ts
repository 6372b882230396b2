// This browser's service worker and Web Push subscription (issue 16), and the focus reports that
// keep pushes away while a Parley tab is in front of me. Loaded with the notification UI.
import { ApiError, bodyOf, failureOf, send } from "@/lib/client/api";
import type { PushDevice } from "@/lib/chat/notifications/dto";
import { FOCUS_HEARTBEAT_MS } from "@/lib/chat/notifications/limits";
import { readPrefs } from "./prefs";

export const pushSupported = (): boolean =>
  typeof navigator !== "undefined" && "serviceWorker" in navigator && typeof window !== "undefined" && "PushManager" in window;

/** Registers /sw.js (notifications, the offline page); no permission is asked here. */
export async function registerServiceWorker(): Promise<ServiceWorkerRegistration | null> {
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator)) return null;
  try {
    return await navigator.serviceWorker.register("/sw.js", { scope: "/" });
  } catch {
    return null;
  }
}

async function call<T>(method: string, url: string, json?: unknown): Promise<T> {
  const response = await send(method, url, json === undefined ? {} : { json });
  const data = await bodyOf(response);
  if (!response.ok) throw new ApiError(await failureOf(response, data), response.status);
  return data as T;
}

async function currentSubscription(): Promise<PushSubscription | null> {
  if (!pushSupported()) return null;
  const registration = await navigator.serviceWorker.getRegistration("/");
  return (await registration?.pushManager.getSubscription()) ?? null;
}

export async function listDevices(): Promise<{ publicKey: string | null; devices: PushDevice[] }> {
  const endpoint = (await currentSubscription().catch(() => null))?.endpoint;
  return call("GET", `/api/notifications/push${endpoint ? `?endpoint=${encodeURIComponent(endpoint)}` : ""}`);
}

const SUBSCRIBE_TIMEOUT_MS = 15_000;

/**
 * Subscribes this browser to Web Push and stores the subscription (after the permission was
 * granted). False when the browser or the server has no Web Push, or the push service does not answer.
 */
export async function subscribeThisDevice(): Promise<boolean> {
  if (!pushSupported()) return false;
  const { publicKey } = await call<{ publicKey: string | null }>("GET", "/api/notifications/push");
  if (!publicKey) return false;
  const registration = (await registerServiceWorker()) ?? (await navigator.serviceWorker.ready);
  const subscription =
    (await registration.pushManager.getSubscription()) ??
    (await Promise.race([
      registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: publicKey }),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), SUBSCRIBE_TIMEOUT_MS)),
    ]));
  if (!subscription) return false;
  await call("POST", "/api/notifications/push", { ...subscription.toJSON(), previews: readPrefs().previews });
  return true;
}

/** Removes this browser's subscription (here and on the server). */
export async function unsubscribeThisDevice(): Promise<void> {
  const subscription = await currentSubscription().catch(() => null);
  if (!subscription) return;
  await call("DELETE", "/api/notifications/push", { endpoint: subscription.endpoint }).catch(() => {});
  await subscription.unsubscribe().catch(() => false);
}

export const removeDevice = (id: string) => call<void>("DELETE", `/api/notifications/push/${encodeURIComponent(id)}`);
export const setDevicePreviews = (id: string, previews: boolean) =>
  call<{ device: PushDevice }>("PATCH", `/api/notifications/push/${encodeURIComponent(id)}`, { previews });

/** Reports this tab's focus to the server (and again every 30 s while focused); returns the stop function. */
export function reportFocus(): () => void {
  let last: boolean | null = null;
  const isFocused = () => document.visibilityState === "visible" && document.hasFocus();
  const report = (force = false) => {
    const focused = isFocused();
    if (!force && focused === last) return;
    last = focused;
    void send("POST", "/api/notifications/focus", { json: { focused } }).catch(() => {});
  };
  const onChange = () => report();
  const heartbeat = setInterval(() => isFocused() && report(true), FOCUS_HEARTBEAT_MS);
  window.addEventListener("focus", onChange);
  window.addEventListener("blur", onChange);
  document.addEventListener("visibilitychange", onChange);
  report();
  return () => {
    clearInterval(heartbeat);
    window.removeEventListener("focus", onChange);
    window.removeEventListener("blur", onChange);
    document.removeEventListener("visibilitychange", onChange);
  };
}
