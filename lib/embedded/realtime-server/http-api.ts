/**
 * The subset of Pusher's HTTP API that the `pusher` npm library calls:
 * trigger, batch trigger, channel queries, terminate user connections.
 * Status codes follow Pusher: 400 bad input, 401 auth, 404 path/app, 405 method, 413 body size.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

import type { ChannelRegistry } from "./channels";
import {
  LIMITS,
  channelKind,
  encodeFrame,
  isRecord,
  isReservedEventName,
  isValidChannelName,
  isValidSocketId,
  isValidUserId,
  payloadBytes,
  type AppCredentials,
} from "./protocol";
import type { SecurityLogger } from "./security-log";
import { verifyApiRequest } from "./signatures";

export interface HttpApiContext {
  app: AppCredentials;
  registry: ChannelRegistry;
  security: SecurityLogger;
  /** Closes every socket signed in as the user; returns how many. */
  terminateUser(userId: string): number;
  log: (line: string) => void;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

type Method = "GET" | "POST";

interface Route {
  method: Method;
  handle(ctx: HttpApiContext, input: { params: Map<string, string>; body: Buffer }): unknown;
}

interface ParsedEvent {
  name: string;
  data: string;
  channels: string[];
  socketId: string | undefined;
  info: string[];
}

/**
 * Remembers the auth_signature of every accepted state-changing (POST) request, with the address it
 * came from, until its auth_timestamp leaves the accepted window: a captured request replayed from
 * another address within it is refused. The signature covers method, path, query (timestamp
 * included) and body_md5, so two requests differ unless they are byte-identical within the same
 * second — which the app legitimately sends (the same event twice in one second, say "marked
 * unread" again; the same user's connections ended twice): the protocol has no nonce, so an
 * identical request from the address that sent the original is accepted as the sender's own
 * (publishing and terminating are idempotent for it). GETs only read, and are not remembered.
 * Memory: one entry per signed POST of the last LIMITS.apiTimestampSkewSeconds × 2.
 */
export class ReplayGuard {
  private readonly seen = new Map<string, { expiry: number; source: string }>();
  private insertsSinceSweep = 0;

  /** False for a signature already seen from another source within its window; otherwise remembers it. */
  remember(signature: string, timestampSeconds: number, source: string, nowSeconds = Math.floor(Date.now() / 1000)): boolean {
    const entry = this.seen.get(signature);
    if (entry !== undefined && entry.expiry >= nowSeconds) return entry.source === source;
    this.seen.set(signature, { expiry: timestampSeconds + LIMITS.apiTimestampSkewSeconds, source });
    if (++this.insertsSinceSweep >= 1000) this.sweep(nowSeconds);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }

  private sweep(nowSeconds: number): void {
    this.insertsSinceSweep = 0;
    for (const [signature, { expiry }] of this.seen) if (expiry < nowSeconds) this.seen.delete(signature);
  }
}

export function createHttpApiHandler(ctx: HttpApiContext): (req: IncomingMessage, res: ServerResponse) => void {
  const replays = new ReplayGuard();
  return (req, res) => {
    handle(ctx, req, replays).then(
      (body) => reply(res, 200, body),
      (error: unknown) => {
        if (error instanceof HttpError) return reply(res, error.status, { error: error.message }, error.headers);
        ctx.log(`realtime: HTTP ${req.method} ${req.url?.split("?")[0]} failed: ${String(error)}`);
        reply(res, 500, { error: "Internal server error" });
      },
    );
  };
}

async function handle(ctx: HttpApiContext, req: IncomingMessage, replays: ReplayGuard): Promise<unknown> {
  const url = req.url ?? "/";
  const queryStart = url.indexOf("?");
  // The signature covers the path exactly as the client wrote it, so keep it undecoded.
  const path = queryStart < 0 ? url : url.slice(0, queryStart);
  const rawQuery = queryStart < 0 ? "" : url.slice(queryStart + 1);
  const method = req.method ?? "GET";

  if (path === "/" || path === "/health") {
    if (method !== "GET" && method !== "HEAD") throw new HttpError(405, "Use GET", { allow: "GET, HEAD" });
    return { ok: true, service: "pusher-protocol-server" };
  }

  const route = matchRoute(ctx, path);
  if (method !== route.method) {
    throw new HttpError(405, `${path} only accepts ${route.method}`, { allow: route.method });
  }
  const body = await readBody(req);
  const auth = verifyApiRequest({ app: ctx.app, method, path, rawQuery, body });
  const ip = req.socket.remoteAddress;
  if (!auth.ok) {
    if (auth.status === 401) ctx.security("realtime.api_refused", { ip, target: `${method} ${path}`, reason: "bad_signature" });
    throw new HttpError(auth.status, auth.error);
  }
  if (
    method === "POST" &&
    !replays.remember(auth.params.get("auth_signature")!, Number(auth.params.get("auth_timestamp")), ip ?? "unknown")
  ) {
    ctx.security("realtime.api_refused", { ip, target: `${method} ${path}`, reason: "replayed_request" });
    throw new HttpError(401, "Replayed request: this auth_signature was already used");
  }
  return route.handle(ctx, { params: auth.params, body });
}

function matchRoute(ctx: HttpApiContext, path: string): Route {
  const segments = path.split("/").slice(1);
  if (segments[0] !== "apps" || segments.length < 3) throw new HttpError(404, "Not found");
  if (decodeSegment(segments[1]) !== ctx.app.appId) throw new HttpError(404, "Unknown app id");
  const rest = segments.slice(2);
  const [first, second, third] = rest;

  if (rest.length === 1 && first === "events") return { method: "POST", handle: triggerEvents };
  if (rest.length === 1 && first === "batch_events") return { method: "POST", handle: triggerBatch };
  if (first === "channels") {
    if (rest.length === 1) return { method: "GET", handle: listChannels };
    const channel = decodeSegment(second);
    if (rest.length === 2) return { method: "GET", handle: (c, i) => channelInfo(c, channel, i.params) };
    if (rest.length === 3 && third === "users") return { method: "GET", handle: (c) => presenceUsers(c, channel) };
  }
  if (first === "users" && rest.length === 3 && third === "terminate_connections") {
    const userId = decodeSegment(second);
    return {
      method: "POST",
      handle: (c) => {
        if (!isValidUserId(userId)) throw new HttpError(400, "Invalid user id");
        c.terminateUser(userId);
        return {};
      },
    };
  }
  throw new HttpError(404, "Not found");
}

function triggerEvents(ctx: HttpApiContext, input: { body: Buffer }): unknown {
  const event = parseEvent(parseJsonBody(input.body), "channels");
  return deliver(ctx, event);
}

function triggerBatch(ctx: HttpApiContext, input: { body: Buffer }): unknown {
  const body = parseJsonBody(input.body);
  if (!Array.isArray(body.batch)) throw new HttpError(400, "batch must be an array");
  if (body.batch.length > LIMITS.batchSize) {
    throw new HttpError(400, `batch holds at most ${LIMITS.batchSize} events`);
  }
  // Validate everything first so a bad entry does not leave the batch half-delivered.
  const events = body.batch.map((item: unknown, index: number) => {
    if (!isRecord(item)) throw new HttpError(400, `batch[${index}] must be an object`);
    return parseEvent(item, "channel");
  });
  const results = events.map((event) => deliver(ctx, event));
  const wantsInfo = events.some((event) => event.info.length > 0);
  return wantsInfo ? { batch: results.map((r) => Object.values(r.channels ?? {})[0] ?? {}) } : {};
}

function deliver(ctx: HttpApiContext, event: ParsedEvent): { channels?: Record<string, Record<string, number>> } {
  for (const channel of event.channels) {
    ctx.registry.publish(channel, encodeFrame(event.name, event.data, channel), event.socketId);
  }
  if (event.info.length === 0) return {};
  const channels: Record<string, Record<string, number>> = {};
  for (const channel of event.channels) channels[channel] = channelAttributes(ctx, channel, event.info);
  return { channels };
}

/** `shape` is "channels" for /events (channel or channels[]) and "channel" for batch entries. */
function parseEvent(body: Record<string, unknown>, shape: "channels" | "channel"): ParsedEvent {
  const { name, data, socket_id: socketId, info } = body;
  if (typeof name !== "string" || name.length === 0) throw new HttpError(400, "name must be a non-empty string");
  if (name.length > LIMITS.eventNameLength) {
    throw new HttpError(400, `Event name is longer than ${LIMITS.eventNameLength} characters`);
  }
  if (isReservedEventName(name)) throw new HttpError(400, "Event names starting with pusher are reserved");
  if (typeof data !== "string") throw new HttpError(400, "data must be a string (JSON-encode objects)");
  if (payloadBytes(data) > LIMITS.eventDataBytes) {
    throw new HttpError(400, `Event data is larger than ${LIMITS.eventDataBytes} bytes`);
  }
  if (socketId !== undefined && !isValidSocketId(socketId)) throw new HttpError(400, "Invalid socket_id");
  if (info !== undefined && typeof info !== "string") throw new HttpError(400, "info must be a string");

  let channels: unknown[];
  if (shape === "channel" || (body.channels === undefined && body.channel !== undefined)) {
    channels = [body.channel];
  } else if (Array.isArray(body.channels)) {
    channels = body.channels;
  } else {
    throw new HttpError(400, "channels must be an array of channel names");
  }
  if (channels.length === 0) throw new HttpError(400, "At least one channel is required");
  if (channels.length > LIMITS.channelsPerTrigger) {
    throw new HttpError(400, `An event can go to at most ${LIMITS.channelsPerTrigger} channels`);
  }
  for (const channel of channels) {
    if (!isValidChannelName(channel)) throw new HttpError(400, `Invalid channel name: ${String(channel).slice(0, 210)}`);
  }
  return {
    name,
    data,
    channels: channels as string[],
    socketId,
    info: parseInfo(info, ["subscription_count", "user_count"]),
  };
}

function listChannels(ctx: HttpApiContext, input: { params: Map<string, string> }): unknown {
  const prefix = input.params.get("filter_by_prefix") ?? "";
  const info = parseInfo(input.params.get("info"), ["user_count"]);
  if (info.includes("user_count") && !prefix.startsWith("presence-")) {
    throw new HttpError(400, "info=user_count needs filter_by_prefix=presence-");
  }
  const channels: Record<string, Record<string, number>> = {};
  for (const channel of ctx.registry.occupiedChannels(prefix)) {
    channels[channel] = channelAttributes(ctx, channel, info);
  }
  return { channels };
}

function channelInfo(ctx: HttpApiContext, channel: string | undefined, params: Map<string, string>): unknown {
  if (!isValidChannelName(channel)) throw new HttpError(400, "Invalid channel name");
  const info = parseInfo(params.get("info"), ["user_count", "subscription_count"]);
  if (info.includes("user_count") && channelKind(channel) !== "presence") {
    throw new HttpError(400, "user_count is only available for presence channels");
  }
  return { occupied: ctx.registry.subscriptionCount(channel) > 0, ...channelAttributes(ctx, channel, info) };
}

function presenceUsers(ctx: HttpApiContext, channel: string | undefined): unknown {
  if (!isValidChannelName(channel) || channelKind(channel) !== "presence") {
    throw new HttpError(400, "Users can only be listed for presence channels");
  }
  return { users: ctx.registry.userIds(channel).map((id) => ({ id })) };
}

function channelAttributes(ctx: HttpApiContext, channel: string, info: string[]): Record<string, number> {
  const attributes: Record<string, number> = {};
  if (info.includes("subscription_count")) attributes.subscription_count = ctx.registry.subscriptionCount(channel);
  if (info.includes("user_count") && channelKind(channel) === "presence") {
    attributes.user_count = ctx.registry.userCount(channel);
  }
  return attributes;
}

function parseInfo(value: string | undefined, allowed: readonly string[]): string[] {
  if (value === undefined || value === "") return [];
  const attributes = value.split(",").map((part) => part.trim());
  const unknown = attributes.find((attribute) => !allowed.includes(attribute));
  if (unknown !== undefined) {
    throw new HttpError(400, `Unsupported info attribute "${unknown.slice(0, 50)}" (allowed: ${allowed.join(", ")})`);
  }
  return attributes;
}

function parseJsonBody(body: Buffer): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    throw new HttpError(400, "Body is not valid JSON");
  }
  if (!isRecord(parsed)) throw new HttpError(400, "Body must be a JSON object");
  return parsed;
}

function decodeSegment(segment: string | undefined): string | undefined {
  if (segment === undefined) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, "Malformed percent-encoding in path");
  }
}

/** Reads at most LIMITS.httpBodyBytes; refuses early from Content-Length when it can. */
function readBody(req: IncomingMessage): Promise<Buffer> {
  const tooLarge = () => new HttpError(413, `Body is larger than ${LIMITS.httpBodyBytes} bytes`, { connection: "close" });
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > LIMITS.httpBodyBytes) return Promise.reject(tooLarge());

  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on("data", (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > LIMITS.httpBodyBytes) {
        done = true;
        chunks.length = 0;
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (!done) resolve(Buffer.concat(chunks));
      done = true;
    });
    req.on("error", (error) => {
      if (!done) reject(error);
      done = true;
    });
  });
}

function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
    ...headers,
  });
  res.end(res.req.method === "HEAD" ? undefined : text);
}
