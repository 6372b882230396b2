/**
 * In-memory channel registry: who is subscribed where, presence membership,
 * and fan-out. It owns the presence invariants (member_added/member_removed are
 * sent once per user, however many sockets that user has in the channel).
 */
import { channelKind, encodeFrame } from "./protocol";

/** Anything that can receive frames; the websocket side implements it. */
export interface Subscriber {
  readonly socketId: string;
  send(frame: string): void;
}

export interface PresenceSnapshot {
  ids: string[];
  hash: Record<string, unknown>;
  count: number;
}

interface Member {
  info: unknown;
  sockets: Set<Subscriber>;
}

interface ChannelState {
  /** Value is the presence user id of that subscription, or null on other channel kinds. */
  subscribers: Map<Subscriber, string | null>;
  members: Map<string, Member> | null;
}

export class ChannelRegistry {
  private readonly channels = new Map<string, ChannelState>();

  /** Subscribes to a non-presence channel. Returns false if it already was subscribed. */
  subscribe(channel: string, subscriber: Subscriber): boolean {
    const state = this.ensure(channel);
    if (state.subscribers.has(subscriber)) return false;
    state.subscribers.set(subscriber, null);
    return true;
  }

  /**
   * Adds a socket to a presence channel as `userId`. Announces the user to the
   * other subscribers only if this is the user's first socket in the channel.
   */
  joinPresence(channel: string, subscriber: Subscriber, userId: string, userInfo: unknown = null): PresenceSnapshot {
    // pusher-js looks members up by own key: an `undefined` info would vanish from the JSON hash.
    userInfo ??= null;
    const state = this.ensure(channel);
    const members = state.members ?? new Map<string, Member>();
    state.members = members;

    const previous = state.subscribers.get(subscriber);
    if (previous !== undefined && previous !== userId) {
      // Same socket re-subscribing as another user: treat as leave + join.
      this.leave(channel, subscriber);
      return this.joinPresence(channel, subscriber, userId, userInfo);
    }

    state.subscribers.set(subscriber, userId);
    const member = members.get(userId);
    if (member) {
      member.sockets.add(subscriber);
    } else {
      members.set(userId, { info: userInfo, sockets: new Set([subscriber]) });
      const frame = encodeFrame("pusher_internal:member_added", JSON.stringify({ user_id: userId, user_info: userInfo }), channel);
      for (const other of state.subscribers.keys()) if (other !== subscriber) other.send(frame);
    }
    return this.presenceSnapshot(channel);
  }

  /** Removes a socket from a channel; returns false if it was not subscribed. */
  leave(channel: string, subscriber: Subscriber): boolean {
    const state = this.channels.get(channel);
    const userId = state?.subscribers.get(subscriber);
    if (!state || userId === undefined) return false;
    state.subscribers.delete(subscriber);

    if (userId !== null && state.members) {
      const member = state.members.get(userId);
      member?.sockets.delete(subscriber);
      if (member && member.sockets.size === 0) {
        state.members.delete(userId);
        const frame = encodeFrame("pusher_internal:member_removed", JSON.stringify({ user_id: userId }), channel);
        for (const other of state.subscribers.keys()) other.send(frame);
      }
    }
    if (state.subscribers.size === 0) this.channels.delete(channel);
    return true;
  }

  /** Sends a pre-encoded frame to every subscriber except `exceptSocketId`. Returns the number reached. */
  publish(channel: string, frame: string, exceptSocketId?: string): number {
    const state = this.channels.get(channel);
    if (!state) return 0;
    let reached = 0;
    for (const subscriber of state.subscribers.keys()) {
      if (subscriber.socketId === exceptSocketId) continue;
      subscriber.send(frame);
      reached += 1;
    }
    return reached;
  }

  isSubscribed(channel: string, subscriber: Subscriber): boolean {
    return this.channels.get(channel)?.subscribers.has(subscriber) ?? false;
  }

  /** The presence user id this socket joined `channel` as, if any. */
  presenceUserId(channel: string, subscriber: Subscriber): string | undefined {
    return this.channels.get(channel)?.subscribers.get(subscriber) ?? undefined;
  }

  presenceSnapshot(channel: string): PresenceSnapshot {
    const hash: Record<string, unknown> = {};
    for (const [id, member] of this.channels.get(channel)?.members ?? []) hash[id] = member.info;
    const ids = Object.keys(hash);
    return { ids, hash, count: ids.length };
  }

  subscriptionCount(channel: string): number {
    return this.channels.get(channel)?.subscribers.size ?? 0;
  }

  userCount(channel: string): number {
    return this.channels.get(channel)?.members?.size ?? 0;
  }

  userIds(channel: string): string[] {
    return [...(this.channels.get(channel)?.members?.keys() ?? [])];
  }

  /** Occupied channels, excluding the internal `#server-to-user-*` ones. */
  occupiedChannels(prefix = ""): string[] {
    return [...this.channels.keys()].filter((name) => name.startsWith(prefix) && channelKind(name) !== "server-to-user");
  }

  get size(): number {
    return this.channels.size;
  }

  private ensure(channel: string): ChannelState {
    let state = this.channels.get(channel);
    if (!state) {
      state = { subscribers: new Map(), members: null };
      this.channels.set(channel, state);
    }
    return state;
  }
}

/** userId → that user's signed-in sockets, for terminate_connections. */
export class UserRegistry<T> {
  private readonly users = new Map<string, Set<T>>();

  add(userId: string, socket: T): void {
    const sockets = this.users.get(userId) ?? new Set<T>();
    sockets.add(socket);
    this.users.set(userId, sockets);
  }

  remove(userId: string, socket: T): void {
    const sockets = this.users.get(userId);
    if (!sockets) return;
    sockets.delete(socket);
    if (sockets.size === 0) this.users.delete(userId);
  }

  socketsOf(userId: string): T[] {
    return [...(this.users.get(userId) ?? [])];
  }
}
