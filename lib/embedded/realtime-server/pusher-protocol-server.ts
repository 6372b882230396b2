/**
 * Parley's embedded Pusher-protocol server: the default realtime backend when no
 * hosted Pusher credentials are configured. The official `pusher` (HTTP API) and
 * `pusher-js` (websocket) libraries talk to it unchanged. State is in memory and
 * per process, so run exactly one instance per app.
 */
import { createServer, type IncomingMessage } from "node:http";
import { randomInt } from "node:crypto";
import type { Duplex } from "node:stream";

import { WebSocketServer, type WebSocket } from "ws";

import { ChannelRegistry, UserRegistry } from "./channels";
import { createHttpApiHandler } from "./http-api";
import { CODES, LIMITS, SUPPORTED_PROTOCOLS, encodeError, encodeFrame, type AppCredentials } from "./protocol";
import { PusherSocket, type SocketPolicy } from "./pusher-socket";
import { createSecurityLogger, type SecurityLogger } from "./security-log";

export interface PusherProtocolServerOptions {
  appId: string;
  key: string;
  secret: string;
  /** Default "127.0.0.1": the server trusts nothing, but there is no TLS, so keep it local unless proxied. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Sent to clients as `activity_timeout`; also the server's ping interval. Default 120. */
  activityTimeoutSeconds?: number;
  logger?: (line: string) => void;
  /** Security events (refused origins, connections, subscriptions, signins, API requests) as JSON lines. Default stdout. */
  securityLogger?: (line: string) => void;
  /**
   * Default "required": private/presence subscriptions need a connection signed in (pusher:signin)
   * as the user the channel authorization names. "optional" is hosted Pusher's default behaviour.
   */
  userAuthentication?: SocketPolicy["userAuthentication"];
  /** Default false: Parley uses only private- and presence- channels, so anonymous subscriptions are refused. */
  publicChannels?: boolean;
  /** Default "presence": client events only on presence channels (Parley's typing indicator). */
  clientEvents?: SocketPolicy["clientEvents"];
  /**
   * Origins (scheme://host[:port]) whose pages may open websockets. A handshake with any other
   * Origin gets HTTP 403. A handshake without Origin is allowed: browsers always send one on
   * websocket handshakes, so its absence means a non-browser client (pusher-js in Node: tests,
   * benchmarks), which no cross-site page can borrow. Undefined: any origin (standalone use).
   */
  allowedOrigins?: readonly string[];
  /** Open websockets per client address; more get HTTP 429. Default 500. */
  maxConnectionsPerIp?: number;
}

export interface PusherProtocolServer {
  port: number;
  host: string;
  /** Base URL of the HTTP API; the websocket lives at ws://host:port/app/{key}. */
  url: string;
  close(): Promise<void>;
  stats(): { connections: number; channels: number };
}

/** How long close() waits for clients to answer the close handshake before cutting them off. */
const CLOSE_GRACE_MS = 250;

export async function startPusherProtocolServer(options: PusherProtocolServerOptions): Promise<PusherProtocolServer> {
  const app: AppCredentials = { appId: options.appId, key: options.key, secret: options.secret };
  for (const [name, value] of Object.entries(app)) {
    if (typeof value !== "string" || value === "") throw new Error(`startPusherProtocolServer: ${name} is required`);
  }
  const host = options.host ?? "127.0.0.1";
  const activityTimeoutSeconds = options.activityTimeoutSeconds ?? 120;
  if (!Number.isInteger(activityTimeoutSeconds) || activityTimeoutSeconds < 1) {
    throw new Error("startPusherProtocolServer: activityTimeoutSeconds must be a positive integer");
  }
  const log = options.logger ?? (() => {});
  const security: SecurityLogger = createSecurityLogger(options.securityLogger);
  const policy: SocketPolicy = {
    userAuthentication: options.userAuthentication ?? "required",
    publicChannels: options.publicChannels ?? false,
    clientEvents: options.clientEvents ?? "presence",
  };
  const allowedOrigins = options.allowedOrigins === undefined ? null : new Set(options.allowedOrigins.map(normalizeOrigin));
  const maxConnectionsPerIp = options.maxConnectionsPerIp ?? 500;

  const registry = new ChannelRegistry();
  const users = new UserRegistry<PusherSocket>();
  const sockets = new Map<WebSocket, PusherSocket>();
  const socketIds = new Set<string>();
  const connectionsPerIp = new Map<string, number>();
  const socketContext = { app, registry, users, log, security, policy };
  let shuttingDown = false;

  const httpServer = createServer(
    createHttpApiHandler({
      app,
      registry,
      log,
      security,
      terminateUser(userId) {
        const targets = users.socketsOf(userId);
        for (const socket of targets) socket.disconnect(CODES.unauthorized, "Connection terminated by the app");
        return targets.length;
      },
    }),
  );
  httpServer.headersTimeout = 10_000;
  httpServer.requestTimeout = 30_000;
  // The app publishes over pooled keep-alive connections: Node's default 5 s idle timeout closed
  // them in every quiet spell of a few seconds, racing the app's next publish (lib/realtime/publisher.ts).
  httpServer.keepAliveTimeout = 30_000;

  const wss = new WebSocketServer({ noServer: true, maxPayload: LIMITS.wsFrameBytes, clientTracking: false });

  httpServer.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => socket.destroy());
    let url: URL;
    let key: string;
    try {
      url = new URL(req.url ?? "/", "http://localhost");
      const match = /^\/app\/([^/]+)$/.exec(url.pathname);
      if (!match?.[1] || shuttingDown) throw new Error("not a websocket endpoint");
      key = decodeURIComponent(match[1]);
    } catch {
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    const ip = req.socket.remoteAddress ?? "unknown";
    const origin = req.headers.origin;
    if (allowedOrigins && origin !== undefined && !allowedOrigins.has(normalizeOrigin(origin))) {
      security("realtime.origin_refused", { ip, target: origin, reason: "origin_not_allowed" });
      socket.end("HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    if ((connectionsPerIp.get(ip) ?? 0) >= maxConnectionsPerIp) {
      security("realtime.connection_refused", { ip, reason: `over ${maxConnectionsPerIp} connections from one address` });
      socket.end("HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    // Counted before the handshake completes, so concurrent handshakes cannot overshoot the cap.
    connectionsPerIp.set(ip, (connectionsPerIp.get(ip) ?? 0) + 1);
    let counted = true;
    const release = () => {
      if (!counted) return;
      counted = false;
      const left = (connectionsPerIp.get(ip) ?? 1) - 1;
      if (left <= 0) connectionsPerIp.delete(ip);
      else connectionsPerIp.set(ip, left);
    };
    socket.once("close", release);
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.once("close", release);
      onConnection(ws, key, url, ip);
    });
  });

  /**
   * Random, unguessable socket ids (`\d+.\d+` as pusher clients expect). A predictable id would let
   * a user collect channel authorizations for connections that do not exist yet.
   */
  function newSocketId(): string {
    for (;;) {
      const id = `${randomInt(1, 2 ** 47)}.${randomInt(1, 2 ** 47)}`;
      if (!socketIds.has(id)) return id;
    }
  }

  function onConnection(ws: WebSocket, key: string, url: URL, ip: string): void {
    ws.on("error", (error) => log(`realtime: websocket error: ${error.message}`));
    if (shuttingDown) return ws.terminate();
    if (key !== app.key) return refuse(ws, CODES.appNotFound, `App key ${key.slice(0, 64)} not in this cluster`);
    const protocol = Number(url.searchParams.get("protocol"));
    if (!(SUPPORTED_PROTOCOLS as readonly number[]).includes(protocol)) {
      return refuse(ws, CODES.unsupportedProtocol, "Unsupported protocol version (use 7)");
    }

    const socket = new PusherSocket(newSocketId(), ws, socketContext, ip);
    sockets.set(ws, socket);
    socketIds.add(socket.socketId);
    ws.on("message", (data, isBinary) => {
      try {
        socket.handleMessage(data, isBinary);
      } catch (error) {
        // A handler bug must cost one frame, not the process.
        log(`realtime: error handling frame from ${socket.socketId}: ${String(error)}`);
        socket.sendError("Internal server error");
      }
    });
    ws.on("pong", () => {
      socket.alive = true;
    });
    ws.on("close", () => {
      sockets.delete(ws);
      socketIds.delete(socket.socketId);
      socket.handleClose();
    });
    socket.send(
      encodeFrame(
        "pusher:connection_established",
        JSON.stringify({ socket_id: socket.socketId, activity_timeout: activityTimeoutSeconds }),
      ),
    );
  }

  function refuse(ws: WebSocket, code: number, message: string): void {
    ws.send(encodeError(message, code));
    ws.close(code, message.slice(0, 100));
  }

  // Sockets that neither sent anything nor answered the previous ping are dead (e.g. a
  // laptop lid closed mid-connection) and would otherwise hold presence membership forever.
  const heartbeat = setInterval(() => {
    for (const [ws, socket] of sockets) {
      if (!socket.alive) {
        log(`realtime: dropping unresponsive socket ${socket.socketId}`);
        ws.terminate();
        continue;
      }
      socket.alive = false;
      ws.ping();
    }
  }, activityTimeoutSeconds * 1000);
  heartbeat.unref();

  const port = await listen(httpServer, host, options.port ?? 0).catch((error: unknown) => {
    clearInterval(heartbeat);
    wss.close();
    throw error;
  });
  const urlHost = host.includes(":") ? `[${host}]` : host;

  let closing: Promise<void> | null = null;
  return {
    port,
    host,
    url: `http://${urlHost}:${port}`,
    stats: () => ({ connections: sockets.size, channels: registry.size }),
    close() {
      closing ??= shutdown();
      return closing;
    },
  };

  async function shutdown(): Promise<void> {
    shuttingDown = true;
    clearInterval(heartbeat);
    const httpClosed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
    httpServer.closeAllConnections();
    const open = [...sockets.keys()];
    // 1001 "going away": pusher-js reconnects later rather than giving up.
    await Promise.race([
      Promise.all(
        open.map(
          (ws) =>
            new Promise<void>((resolve) => {
              ws.once("close", () => resolve());
              ws.close(1001, "Server shutting down");
            }),
        ),
      ),
      new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref()),
    ]);
    for (const ws of sockets.keys()) ws.terminate();
    wss.close();
    await httpClosed;
  }
}

/** `scheme://host[:port]` in URL's canonical form (lowercase host, default port dropped); "null" and junk stay as given. */
function normalizeOrigin(origin: string): string {
  try {
    const parsed = new URL(origin);
    return parsed.origin === "null" ? origin : parsed.origin;
  } catch {
    return origin;
  }
}

function listen(server: ReturnType<typeof createServer>, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off("listening", onListening);
      if (error.code === "EADDRINUSE") {
        const wrapped = new Error(`Pusher-protocol server cannot listen on ${host}:${port}: the port is already in use`, {
          cause: error,
        }) as NodeJS.ErrnoException;
        wrapped.code = "EADDRINUSE";
        reject(wrapped);
      } else {
        reject(error);
      }
    };
    const onListening = () => {
      server.off("error", onError);
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, host);
  });
}
