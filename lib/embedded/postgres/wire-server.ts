// A Postgres wire-protocol server in front of one PGlite instance.
//
// PGlite is a single Postgres session. @electric-sql/pglite-socket multiplexes clients onto it one
// *message* at a time, so two clients using the extended protocol (Parse/Bind/Execute/Sync, what
// node-postgres and Prisma send) can interleave and bind each other's unnamed statements. This
// server makes the unit of scheduling a whole protocol exchange (everything up to Sync, or one
// simple Query), and while the session is inside a transaction only the client that opened it runs.
// An exchange goes to PGlite as one buffer (PGlite's main loop reads message after message from
// it, as a Postgres backend reads a pipelined socket), and its answer goes out as one socket write:
// one call into PGlite and one file-system sync per statement instead of one per message (Parse,
// Bind, Describe, Execute, Sync: five for each statement Prisma sends).
import net from "node:net";
import type { PGlite } from "@electric-sql/pglite";

const SSL_REQUEST_CODE = 80877103;
const GSSENC_REQUEST_CODE = 80877104;
const CANCEL_REQUEST_CODE = 80877102;
const PROTOCOL_V3 = 196608;

export interface WireServerOptions {
  db: PGlite;
  host?: string;
  port?: number;
  /** Connections beyond this are refused with a Postgres error, not reset. */
  maxConnections?: number;
}

export interface WireServer {
  host: string;
  port: number;
  connectionString(database?: string): string;
  stats(): { connections: number; waiting: number };
  close(): Promise<void>;
}

type Unit = { connection: Connection; bytes: Uint8Array; done: () => void };

class Scheduler {
  private queue: Unit[] = [];
  private running = false;
  /** The connection that owns the open transaction, if any. */
  private owner: Connection | null = null;

  constructor(private readonly db: PGlite) {}

  get waiting() {
    return this.queue.length;
  }

  submit(unit: Unit) {
    this.queue.push(unit);
    void this.drain();
  }

  /** A client went away: drop its queued work and roll back a transaction it left open. */
  async forget(connection: Connection) {
    this.queue = this.queue.filter((unit) => unit.connection !== connection);
    if (this.owner === connection) {
      // Still the owner while rolling back, so no other client's work runs inside the dead
      // transaction. (exec takes PGlite's query lock itself: do not wrap it in runExclusive.)
      if (this.db.isInTransaction()) await this.db.exec("ROLLBACK").catch(() => {});
      this.owner = null;
      void this.drain();
    }
  }

  private async drain() {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const index = this.owner ? this.queue.findIndex((u) => u.connection === this.owner) : 0;
        if (index < 0 || this.queue.length === 0) return;
        const [unit] = this.queue.splice(index, 1);
        if (!unit) return;
        unit.connection.cork();
        try {
          await this.db.runExclusive(() => this.db.execProtocolRawStream(unit.bytes, { onRawData: (data) => unit.connection.write(data) }));
        } finally {
          unit.connection.uncork();
        }
        this.owner = this.db.isInTransaction() ? unit.connection : null;
        unit.done();
      }
    } catch (error) {
      // A failure of PGlite itself (not an SQL error, which comes back as protocol data).
      console.error("embedded database: protocol failure", error);
    } finally {
      this.running = false;
      if (this.queue.length > 0 && (!this.owner || this.queue.some((u) => u.connection === this.owner))) {
        void this.drain();
      }
    }
  }
}

class Connection {
  private buffer: Buffer = Buffer.alloc(0);
  private started = false;
  private pending: Buffer[] = [];
  private inFlight = Promise.resolve();
  closed = false;

  constructor(
    private readonly socket: net.Socket,
    private readonly scheduler: Scheduler,
  ) {
    socket.setNoDelay(true);
    socket.on("data", (chunk) => this.onData(chunk));
    socket.on("error", () => this.close());
    socket.on("close", () => this.close());
  }

  write(data: Uint8Array) {
    // PGlite may hand out a view of its own buffer, reused by the next call: copy what is kept.
    if (!this.closed && data.length > 0) this.socket.write(Buffer.from(data));
  }

  /** Answers of one exchange leave as one write (and one TCP segment when they fit). */
  cork() {
    if (!this.closed) this.socket.cork();
  }

  uncork() {
    if (!this.closed) this.socket.uncork();
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    this.socket.destroy();
    void this.scheduler.forget(this);
  }

  private onData(chunk: Buffer) {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      if (!this.started) {
        if (this.buffer.length < 8) return;
        const length = this.buffer.readInt32BE(0);
        if (this.buffer.length < length) return;
        const code = this.buffer.readInt32BE(4);
        const message = this.buffer.subarray(0, length);
        this.buffer = this.buffer.subarray(length);
        if (code === SSL_REQUEST_CODE || code === GSSENC_REQUEST_CODE) {
          this.socket.write("N"); // no TLS on loopback; the client goes on in plain text
          continue;
        }
        if (code === CANCEL_REQUEST_CODE) {
          this.close(); // cancellation is not supported; the request connection just ends
          return;
        }
        if (code !== PROTOCOL_V3) {
          this.close();
          return;
        }
        this.started = true;
        this.enqueue(new Uint8Array(message));
        continue;
      }
      if (this.buffer.length < 5) return;
      const type = String.fromCharCode(this.buffer[0]!);
      const length = 1 + this.buffer.readInt32BE(1);
      if (this.buffer.length < length) return;
      // A view, not a copy: socket chunks are not reused, and the exchange is copied once below.
      const message = this.buffer.subarray(0, length);
      this.buffer = this.buffer.subarray(length);
      if (type === "X") {
        this.close();
        return;
      }
      this.pending.push(message);
      // Sync ends an extended-protocol exchange; a simple Query is one exchange; Flush asks for output now.
      if (type === "S" || type === "Q" || type === "H") {
        const unit = this.pending;
        this.pending = [];
        this.enqueue(new Uint8Array(Buffer.concat(unit)));
      }
    }
  }

  private enqueue(bytes: Uint8Array) {
    // Keep this connection's exchanges in order: the next is submitted when the previous finished.
    this.inFlight = this.inFlight.then(
      () =>
        new Promise<void>((resolve) => {
          if (this.closed) return resolve();
          this.scheduler.submit({ connection: this, bytes, done: resolve });
        }),
    );
  }
}

export async function startWireServer(options: WireServerOptions): Promise<WireServer> {
  const { db, host = "127.0.0.1", port = 0, maxConnections = 64 } = options;
  await db.waitReady;
  const scheduler = new Scheduler(db);
  const connections = new Set<Connection>();
  const server = net.createServer((socket) => {
    if (connections.size >= maxConnections) {
      socket.end(tooManyConnections());
      return;
    }
    const connection = new Connection(socket, scheduler);
    connections.add(connection);
    socket.on("close", () => connections.delete(connection));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const boundPort = typeof address === "object" && address ? address.port : port;
  return {
    host,
    port: boundPort,
    connectionString: (database = "postgres") => `postgresql://postgres:postgres@${host}:${boundPort}/${database}`,
    stats: () => ({ connections: connections.size, waiting: scheduler.waiting }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const connection of connections) connection.close();
        server.close(() => resolve());
      }),
  };
}

/** An ErrorResponse (SQLSTATE 53300) so clients report a clear cause instead of a reset. */
function tooManyConnections(): Buffer {
  const fields = Buffer.concat([
    Buffer.from("SFATAL\0"),
    Buffer.from("C53300\0"),
    Buffer.from("Msorry, too many clients already (embedded database)\0"),
    Buffer.from("\0"),
  ]);
  const header = Buffer.alloc(5);
  header.write("E", 0);
  header.writeInt32BE(4 + fields.length, 1);
  return Buffer.concat([header, fields]);
}
