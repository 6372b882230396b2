// Real pusher-js clients of the app, for integration tests: each signs in as a user and is
// authorized by the real domain functions (lib/realtime/authorize.ts, as /api/realtime/auth and
// /api/realtime/user-auth do), against the realtime server of the Vitest global setup.
import PusherJs, { type Channel } from "pusher-js";
import { authenticateUser, authorizeChannel } from "@/lib/realtime/authorize";
import { createRealtimeClient, type ChannelSigner } from "@/lib/realtime/client";
import { realtimeClientConfig } from "@/lib/realtime/config";
import { waitFor } from "./pusher-test-clients";

export { waitFor };

/** Clients made by `connect`, disconnected together (call `disconnectAll` in afterEach). */
export function appRealtimeClients(timeoutMs = 5000) {
  const clients: PusherJs[] = [];

  /** A client signed in as `userId`, authorized by the real domain function (or a custom channel signer). */
  async function connect(userId: string, channel?: ChannelSigner): Promise<PusherJs> {
    const client = createRealtimeClient(realtimeClientConfig(), {
      channel: channel ?? ((socketId, channelName) => authorizeChannel(userId, { socket_id: socketId, channel_name: channelName })),
      user: (socketId) => authenticateUser(userId, { socket_id: socketId }),
    });
    clients.push(client);
    await waitFor(
      "connected",
      (resolve) => {
        if (client.connection.state === "connected") resolve(undefined);
        else client.connection.bind("connected", () => resolve(undefined));
      },
      timeoutMs,
    );
    return client;
  }

  return {
    connect,
    disconnectAll() {
      for (const client of clients.splice(0)) client.disconnect();
    },
  };
}

export type SubscriptionOutcome = { ok: true } | { ok: false; error: { type?: string; status?: number; error?: string } };

/** The next subscription answer of a channel: succeeded, or the error pusher-js reports. */
export function nextOutcome(channel: Channel, timeoutMs = 5000): Promise<SubscriptionOutcome> {
  return waitFor(
    `subscription outcome of ${channel.name}`,
    (resolve) => {
      const ok = () => done({ ok: true });
      const failed = (error: { type?: string; status?: number; error?: string }) => done({ ok: false, error });
      const done = (outcome: SubscriptionOutcome) => {
        channel.unbind("pusher:subscription_succeeded", ok);
        channel.unbind("pusher:subscription_error", failed);
        resolve(outcome);
      };
      channel.bind("pusher:subscription_succeeded", ok);
      channel.bind("pusher:subscription_error", failed);
    },
    timeoutMs,
  );
}

/** Subscribes and waits until the server accepted it (throws with its error otherwise). */
export async function subscribe<C extends Channel = Channel>(client: PusherJs, name: string): Promise<C> {
  const channel = client.subscribe(name) as C;
  const outcome = await nextOutcome(channel);
  if (!outcome.ok) throw new Error(`subscription to ${name} failed: ${JSON.stringify(outcome.error)}`);
  return channel;
}

/** The data of the next `event` on `channel`. */
export function eventData<T = unknown>(channel: Channel, event: string, timeoutMs = 5000): Promise<T> {
  return waitFor(event, (resolve) => channel.bind(event, (data: T) => resolve(data)), timeoutMs);
}
