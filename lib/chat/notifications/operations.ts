// My devices' Web Push subscriptions and my focus reports (issue 16). Every operation acts on the
// acting user's own rows only: another user's subscription is `not_found`, never a hint it exists.
import "server-only";
import { describeDevice } from "@/lib/account/sessions/device";
import { isRecordId } from "@/lib/chat/kernel/ids";
import { parseInput } from "@/lib/chat/kernel/input";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { vapidDetails } from "./deliver";
import type { PushDevice } from "./dto";
import { FOCUS_TTL_MS, PUSH_DEVICES_MAX } from "./limits";
import { devicePatchSchema, endpointSchema, focusSchema, subscribeSchema } from "./schemas";
import { notificationStore } from "./store";

const deviceSelect = { id: true, deviceName: true, previews: true, createdAt: true, lastPushAt: true, endpoint: true } as const;

const toDevice = (
  row: { id: string; deviceName: string; previews: boolean; createdAt: Date; lastPushAt: Date | null; endpoint: string },
  currentEndpoint?: string,
): PushDevice => ({
  id: row.id,
  deviceName: row.deviceName,
  previews: row.previews,
  createdAt: row.createdAt.toISOString(),
  lastPushAt: row.lastPushAt?.toISOString() ?? null,
  current: currentEndpoint !== undefined && row.endpoint === currentEndpoint,
});

/** The public key browsers subscribe with (applicationServerKey), or null without Web Push. */
export function pushPublicKey(): string | null {
  return vapidDetails()?.publicKey ?? null;
}

/**
 * Stores this browser's subscription for me. The endpoint is the browser's: one signed in as
 * someone else before hands it over to me (a shared computer must not push their messages to me).
 */
export async function subscribePush(actorId: string, input: unknown, userAgent: string | null): Promise<PushDevice> {
  const { endpoint, keys, previews } = parseInput(subscribeSchema, input);
  if (!vapidDetails()) throw new AppError("unavailable", "Push notifications are not configured on this server.");
  const data = {
    userId: actorId,
    p256dh: keys.p256dh,
    auth: keys.auth,
    deviceName: describeDevice(userAgent),
    ...(previews === undefined ? {} : { previews }),
  };
  const row = await db.pushSubscription.upsert({ where: { endpoint }, create: { endpoint, ...data }, update: data, select: deviceSelect });
  // At most PUSH_DEVICES_MAX devices: the oldest beyond it go.
  const extra = await db.pushSubscription.findMany({
    where: { userId: actorId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: PUSH_DEVICES_MAX,
    select: { id: true },
  });
  if (extra.length > 0) await db.pushSubscription.deleteMany({ where: { id: { in: extra.map((e) => e.id) }, userId: actorId } });
  return toDevice(row, endpoint);
}

/** My devices, newest first; `currentEndpoint` marks this browser's. */
export async function listPushDevices(actorId: string, currentEndpoint?: string): Promise<PushDevice[]> {
  const rows = await db.pushSubscription.findMany({
    where: { userId: actorId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: PUSH_DEVICES_MAX,
    select: deviceSelect,
  });
  return rows.map((row) => toDevice(row, currentEndpoint));
}

const deviceNotFound = () => new AppError("not_found", "That device was not found.");

/** Turns one of my devices off (Settings) — its subscription is deleted. */
export async function removePushDevice(actorId: string, deviceId: string): Promise<void> {
  const { count } = await db.pushSubscription.deleteMany({ where: { id: parseDeviceId(deviceId), userId: actorId } });
  if (count === 0) throw deviceNotFound();
}

/** This browser unsubscribes (by its endpoint): removed if it is mine; nothing to do otherwise. */
export async function unsubscribePush(actorId: string, input: unknown): Promise<void> {
  const { endpoint } = parseInput(endpointSchema, input);
  await db.pushSubscription.deleteMany({ where: { endpoint, userId: actorId } });
}

/** Previews on or off for one of my devices. */
export async function setPushPreviews(actorId: string, deviceId: string, input: unknown): Promise<PushDevice> {
  const { previews } = parseInput(devicePatchSchema, input);
  const { count } = await db.pushSubscription.updateMany({ where: { id: parseDeviceId(deviceId), userId: actorId }, data: { previews } });
  if (count === 0) throw deviceNotFound();
  const row = await db.pushSubscription.findUniqueOrThrow({ where: { id: deviceId }, select: deviceSelect });
  return toDevice(row);
}

/** A tab of mine reports it is focused (heartbeat) or not: while focused, no push reaches me. */
export async function reportFocus(actorId: string, input: unknown): Promise<void> {
  const { focused } = parseInput(focusSchema, input);
  await notificationStore().setFocused(actorId, focused ? Date.now() + FOCUS_TTL_MS : null);
}

function parseDeviceId(id: string): string {
  const value = id.trim().toLowerCase();
  if (!isRecordId(value)) throw deviceNotFound();
  return value;
}
