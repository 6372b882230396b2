// PGlite's file system on Node (Emscripten's NODEFS) answers lseek(fd, 0, SEEK_END) with an fstat
// system call. Postgres asks a file's size that way for every table and index a statement plans or
// scans (RelationGetNumberOfBlocks), again on every rescan of a nested loop's inner side, so a
// search over 1M messages spent about 60 % of the database's busy time in fstat
// (docs/BENCHMARKS.md, "Message search", round 8). PGlite is the only process writing its data
// folder, so a size it read stays true until its own file system changes something: sizes are kept
// per open file and all forgotten at any change (a write, truncate, open, close, unlink, rename…).
// Reads and seeks — a read-only statement's file operations — keep them.

const SEEK_END = 2;
const EINVAL = 28;

interface Stream {
  nfd: number;
  node: { mode: number };
}
interface EmscriptenFs {
  isFile(mode: number): boolean;
  ErrnoError: new (errno: number) => Error;
  filesystems: { NODEFS: { stream_ops: Record<string, unknown>; node_ops: Record<string, unknown> } };
}

export interface FileSizeCache {
  /** SEEK_END answered from the cache / with an fstat. */
  stats(): { hits: number; misses: number };
}

/** The operations that may change a file's size, or which file an fd or a path names. */
const STREAM_CHANGES = ["write", "setattr", "allocate", "mmap", "msync", "open", "close"];
const NODE_CHANGES = ["setattr", "mknod", "rename", "unlink", "rmdir", "symlink"];

/** Patches the NODEFS of one PGlite (its Emscripten module's own file system: every file it opens). */
export function cacheFileSizes(fs: unknown): FileSizeCache {
  const FS = fs as EmscriptenFs;
  const nodefs = FS.filesystems.NODEFS;
  const streamOps = nodefs.stream_ops as Record<string, (...args: unknown[]) => unknown> & { __sizeCache?: FileSizeCache };
  if (streamOps.__sizeCache) return streamOps.__sizeCache;
  const sizes = new Map<number, number>();
  let hits = 0;
  let misses = 0;
  const seek = streamOps.llseek!;
  streamOps.llseek = function llseek(this: unknown, stream: unknown, offset: unknown, whence: unknown) {
    const s = stream as Stream;
    if (whence !== SEEK_END || !FS.isFile(s.node.mode)) return seek.call(this, stream, offset, whence);
    let size = sizes.get(s.nfd);
    if (size === undefined) {
      misses += 1;
      size = seek.call(this, stream, 0, SEEK_END) as number;
      sizes.set(s.nfd, size);
    } else hits += 1;
    const position = size + (offset as number);
    if (position < 0) throw new FS.ErrnoError(EINVAL);
    return position;
  };
  const forgetFirst = (ops: Record<string, unknown>, names: string[]) => {
    for (const name of names) {
      const original = ops[name];
      if (typeof original !== "function") continue;
      ops[name] = function (this: unknown, ...args: unknown[]) {
        sizes.clear();
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      };
    }
  };
  forgetFirst(streamOps, STREAM_CHANGES);
  forgetFirst(nodefs.node_ops, NODE_CHANGES);
  const cache: FileSizeCache = { stats: () => ({ hits, misses }) };
  streamOps.__sizeCache = cache;
  return cache;
}
