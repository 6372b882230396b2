/**
 * One client websocket speaking Pusher protocol v7: subscriptions, presence,
 * client events, signin. Every inbound frame is treated as hostile: a bad
 * frame gets a `pusher:error` and the socket stays open.
 */
import { WebSocket, type RawData } from "ws";

import type { ChannelRegistry, Subscriber, UserRegistry } from "./channels";
import {
  CODES,
  LIMITS,
  channelKind,
  encodeError,
  encodeFrame,
  isRecord,
  isValidChannelName,
  isValidUserId,
  payloadBytes,
  serverToUserChannel,
  SERVER_TO_USER_PREFIX,
  type AppCredentials,
} from "./protocol";
import type { RealtimeSecurityFields, SecurityLogger } from "./security-log";
import { channelStringToSign, userStringToSign, verifySocketAuth } from "./signatures";

/** What the server allows beyond the bare protocol (see PusherProtocolServerOptions). */
export interface SocketPolicy {
  /**
   * "required": a private/presence subscription needs a socket signed in (pusher:signin) as the
   * user its channel authorization names (`channel_data.user_id`, covered by the signature).
   * "optional": as hosted Pusher by default; a named user must still match a signed-in socket.
   */
  userAuthentication: "required" | "optional";
  publicChannels: boolean;
  clientEvents: "presence" | "private-and-presence";
}

export interface SocketContext {
  app: AppCredentials;
  registry: ChannelRegistry;
  users: UserRegistry<PusherSocket>;
  log: (line: string) => void;
  security: SecurityLogger;
  policy: SocketPolicy;
}

interface SubscriptionErrorData {
  type: string;
  error: string;
  status: number;
}

export class PusherSocket implements Subscriber {
  /** Cleared by the heartbeat, set again by any inbound frame or pong. */
  alive = true;
  private readonly subscriptions = new Set<string>();
  private readonly clientEventTimes: number[] = [];
  private userId: string | null = null;

  constructor(
    readonly socketId: string,
    private readonly ws: WebSocket,
    private readonly ctx: SocketContext,
    /** The client's address, for security events only. */
    readonly ip: string = "",
  ) {}

  get subscriptionCount(): number {
    return this.subscriptions.size;
  }

  send(frame: string): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    if (this.ws.bufferedAmount > LIMITS.sendBufferBytes) {
      // A consumer this far behind is stalled; holding its backlog would grow memory without bound.
      this.ctx.log(`realtime: dropping socket ${this.socketId}: over ${LIMITS.sendBufferBytes} bytes unsent`);
      this.ws.terminate();
      return;
    }
    this.ws.send(frame);
  }

  sendError(message: string, code: number | null = null): void {
    this.send(encodeError(message, code));
  }

  /** Fatal error: tell the client why, then close with a code pusher-js understands. */
  disconnect(code: number, message: string): void {
    this.sendError(message, code);
    // Close reasons are capped at 123 bytes by the websocket spec.
    this.ws.close(code, message.slice(0, 100));
  }

  handleMessage(raw: RawData, isBinary: boolean): void {
    this.alive = true;
    if (isBinary) return this.sendError("Binary frames are not supported");

    let message: unknown;
    try {
      message = JSON.parse(rawToString(raw));
    } catch {
      return this.sendError("Message is not valid JSON");
    }
    if (!isRecord(message) || typeof message.event !== "string") {
      return this.sendError('Message must be a JSON object with an "event" string');
    }

    const { event } = message;
    switch (event) {
      case "pusher:ping":
        return this.send(encodeFrame("pusher:pong", "{}"));
      case "pusher:pong":
        return;
      case "pusher:subscribe":
        return this.subscribe(decodeData(message.data));
      case "pusher:unsubscribe":
        return this.unsubscribe(decodeData(message.data));
      case "pusher:signin":
        return this.signin(decodeData(message.data));
      default:
        if (event.startsWith("client-")) return this.clientEvent(event, message.channel, message.data);
        return this.sendError(`Unsupported event "${event.slice(0, LIMITS.eventNameLength)}"`);
    }
  }

  /** Called once when the websocket closes, whatever the reason. */
  handleClose(): void {
    for (const channel of this.subscriptions) this.ctx.registry.leave(channel, this);
    this.subscriptions.clear();
    if (this.userId !== null) this.ctx.users.remove(this.userId, this);
    this.userId = null;
  }

  private subscribe(data: unknown): void {
    if (!isRecord(data) || typeof data.channel !== "string") {
      return this.sendError("pusher:subscribe needs data.channel");
    }
    const { channel } = data;
    if (!isValidChannelName(channel)) {
      return this.subscriptionError(channel, {
        type: "InvalidChannel",
        error: `Invalid channel name (allowed: A-Z a-z 0-9 _ - = @ , . ; up to ${LIMITS.channelNameLength} characters)`,
        status: 400,
      });
    }
    if (!this.subscriptions.has(channel) && this.subscriptions.size >= LIMITS.subscriptionsPerSocket) {
      return this.subscriptionError(channel, {
        type: "LimitReached",
        error: `A socket may hold at most ${LIMITS.subscriptionsPerSocket} subscriptions`,
        status: 429,
      });
    }

    const kind = channelKind(channel);
    const { registry, app } = this.ctx;
    if (kind === "public") {
      if (!this.ctx.policy.publicChannels) {
        return this.authError(channel, "Public channels are disabled on this server: use private- or presence- channels", "public_channel");
      }
      registry.subscribe(channel, this);
    } else if (kind === "private" || kind === "private-encrypted") {
      // A private authorization may name its user in channel_data; the signature then covers it
      // (`socket_id:channel:channel_data`, as hosted Pusher and the pusher libraries sign it).
      const channelData = typeof data.channel_data === "string" ? data.channel_data : undefined;
      if (!verifySocketAuth(app, data.auth, channelStringToSign(this.socketId, channel, channelData))) {
        return this.authError(channel, "Invalid signature for private channel", "bad_signature");
      }
      const named = channelData === undefined ? undefined : parsePresenceMember(channelData);
      if (typeof named === "string") return this.authError(channel, named, "bad_channel_data");
      const refusal = this.userBindingRefusal(named?.userId);
      if (refusal) return this.authError(channel, refusal.message, refusal.reason);
      registry.subscribe(channel, this);
    } else if (kind === "server-to-user") {
      // pusher-js subscribes to its own user channel after signin; nobody else may.
      if (this.userId === null || channel !== serverToUserChannel(this.userId)) {
        return this.authError(channel, `Sign in before subscribing to ${SERVER_TO_USER_PREFIX}{id}`, "not_own_user_channel");
      }
      registry.subscribe(channel, this);
    } else {
      const channelData = data.channel_data;
      if (typeof channelData !== "string" || !verifySocketAuth(app, data.auth, channelStringToSign(this.socketId, channel, channelData))) {
        return this.authError(channel, "Invalid signature for presence channel", "bad_signature");
      }
      const member = parsePresenceMember(channelData);
      if (typeof member === "string") return this.authError(channel, member, "bad_channel_data");
      const refusal = this.userBindingRefusal(member.userId);
      if (refusal) return this.authError(channel, refusal.message, refusal.reason);
      this.subscriptions.add(channel);
      const presence = registry.joinPresence(channel, this, member.userId, member.userInfo);
      return this.send(encodeFrame("pusher_internal:subscription_succeeded", JSON.stringify({ presence }), channel));
    }
    this.subscriptions.add(channel);
    this.send(encodeFrame("pusher_internal:subscription_succeeded", "{}", channel));
  }

  private unsubscribe(data: unknown): void {
    if (!isRecord(data) || typeof data.channel !== "string") {
      return this.sendError("pusher:unsubscribe needs data.channel");
    }
    if (this.subscriptions.delete(data.channel)) this.ctx.registry.leave(data.channel, this);
  }

  private clientEvent(event: string, channel: unknown, data: unknown): void {
    if (event.length > LIMITS.eventNameLength) {
      return this.sendError(`Client event name longer than ${LIMITS.eventNameLength} characters`);
    }
    if (typeof channel !== "string" || !this.subscriptions.has(channel)) {
      return this.sendError("Client event rejected: not subscribed to this channel");
    }
    const kind = channelKind(channel);
    if (kind !== "presence" && (kind !== "private" || this.ctx.policy.clientEvents === "presence")) {
      return this.sendError(
        this.ctx.policy.clientEvents === "presence"
          ? "Client event rejected: only presence- channels accept client events"
          : "Client event rejected: only private- and presence- channels accept client events",
      );
    }
    if (payloadBytes(data) > LIMITS.eventDataBytes) {
      return this.sendError(`Client event rejected: payload over ${LIMITS.eventDataBytes} bytes`);
    }
    if (!this.takeClientEventSlot(Date.now())) {
      return this.sendError(`Client event rejected: more than ${LIMITS.clientEventsPerSecond} per second`, CODES.clientEventRateLimited);
    }
    const userId = kind === "presence" ? this.ctx.registry.presenceUserId(channel, this) : undefined;
    this.ctx.registry.publish(channel, encodeFrame(event, data, channel, userId), this.socketId);
  }

  private signin(data: unknown): void {
    if (
      !isRecord(data) ||
      typeof data.user_data !== "string" ||
      !verifySocketAuth(this.ctx.app, data.auth, userStringToSign(this.socketId, data.user_data))
    ) {
      this.ctx.log(`realtime: signin refused for socket ${this.socketId}: invalid signature`);
      this.securityEvent("realtime.signin_refused", { reason: "bad_signature" });
      return this.disconnect(CODES.unauthorized, "Invalid signin signature");
    }
    let user: unknown;
    try {
      user = JSON.parse(data.user_data);
    } catch {
      user = null;
    }
    if (!isRecord(user) || !isValidUserId(user.id)) {
      return this.disconnect(CODES.unauthorized, "user_data must be a JSON object with a non-empty string id");
    }

    const { registry, users } = this.ctx;
    if (this.userId !== null && this.userId !== user.id) {
      // Its subscriptions were authorized for the first user: a socket is one user's for its life.
      this.securityEvent("realtime.signin_refused", { reason: "already_signed_in_as_another_user" });
      return this.disconnect(CODES.unauthorized, "This connection is signed in as another user");
    }
    this.userId = user.id;
    users.add(user.id, this);
    // Subscribed server-side so sendToUser reaches the socket even before pusher-js asks.
    const channel = serverToUserChannel(user.id);
    registry.subscribe(channel, this);
    this.subscriptions.add(channel);
    this.send(encodeFrame("pusher:signin_success", JSON.stringify({ user_data: data.user_data })));
  }

  private subscriptionError(channel: string, error: SubscriptionErrorData): void {
    this.send(encodeFrame("pusher:subscription_error", JSON.stringify(error), channel.slice(0, 256)));
  }

  private authError(channel: string, message: string, reason: string): void {
    this.securityEvent("realtime.subscription_refused", { target: channel, reason });
    this.subscriptionError(channel, { type: "AuthError", error: message, status: 401 });
  }

  /**
   * Why a subscription whose authorization names `namedUserId` (undefined: names nobody) may not
   * be used on this socket, or null. Binding the authorization to the signed-in user means a
   * signed channel auth is worth nothing on anyone else's connection, and ending a user's
   * connections (terminate_connections) ends every subscription made with their authorizations.
   */
  private userBindingRefusal(namedUserId: string | undefined): { message: string; reason: string } | null {
    if (this.ctx.policy.userAuthentication === "required") {
      if (this.userId === null) {
        return { message: "Sign in (pusher:signin) before subscribing to private or presence channels", reason: "not_signed_in" };
      }
      if (namedUserId === undefined) {
        return { message: "The channel authorization must name its user in channel_data.user_id", reason: "no_user_in_authorization" };
      }
    }
    if (namedUserId !== undefined && this.userId !== null && namedUserId !== this.userId) {
      return { message: "The channel authorization was issued for another user", reason: "authorization_for_another_user" };
    }
    return null;
  }

  private securityEvent(event: Parameters<SecurityLogger>[0], fields: RealtimeSecurityFields = {}): void {
    this.ctx.security(event, { userId: this.userId, ip: this.ip, ...fields });
  }

  /** Sliding one-second window, so a burst is limited exactly regardless of clock alignment. */
  private takeClientEventSlot(now: number): boolean {
    const times = this.clientEventTimes;
    for (let first = times[0]; first !== undefined && now - first >= 1000; first = times[0]) times.shift();
    if (times.length >= LIMITS.clientEventsPerSecond) return false;
    times.push(now);
    return true;
  }
}

/** Pusher clients send `data` as an object; some older ones send it JSON-encoded. Accept both. */
function decodeData(data: unknown): unknown {
  if (typeof data !== "string") return data;
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

function rawToString(raw: RawData): string {
  if (Array.isArray(raw)) return Buffer.concat(raw).toString("utf8");
  if (raw instanceof ArrayBuffer) return Buffer.from(raw).toString("utf8");
  return raw.toString("utf8");
}

/** Parses signed presence channel_data; returns an error message when it is unusable. */
function parsePresenceMember(channelData: string): { userId: string; userInfo: unknown } | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(channelData);
  } catch {
    return "channel_data is not valid JSON";
  }
  if (!isRecord(parsed)) return "channel_data must be a JSON object";
  const rawId = parsed.user_id;
  const userId = typeof rawId === "number" && Number.isFinite(rawId) ? String(rawId) : rawId;
  if (!isValidUserId(userId)) {
    return `channel_data.user_id must be a non-empty string or number (max ${LIMITS.userIdLength} characters)`;
  }
  const userInfo = parsed.user_info ?? null;
  if (payloadBytes(userInfo) > LIMITS.userInfoBytes) {
    return `channel_data.user_info is over ${LIMITS.userInfoBytes} bytes`;
  }
  return { userId, userInfo };
}
