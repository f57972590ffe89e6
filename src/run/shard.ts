/**
 * `--shard K/N`: a deterministic partition of the work by directory (every package of a
 * directory goes to one shard), stable across machines: it depends only on the directory's
 * path relative to the current directory. The union of the N shards' outputs is the
 * unsharded output.
 */
import { createHash } from 'node:crypto';

export interface Shard {
  index: number; // 1-based K
  count: number; // N
}

export function parseShard(text: string): Shard | undefined {
  const m = /^([1-9][0-9]*)\/([1-9][0-9]*)$/.exec(text);
  if (!m) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return index <= count ? { index, count } : undefined;
}

export function inShard(relativeDir: string, shard: Shard | undefined): boolean {
  if (!shard || shard.count === 1) return true;
  const h = createHash('sha256').update(relativeDir).digest();
  return h.readUInt32BE(0) % shard.count === shard.index - 1;
}
