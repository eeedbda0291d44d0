// Near-duplicate stories: MinHash over the item's set of content words and word pairs. Items whose
// estimated Jaccard similarity with an earlier item reaches the threshold join that item's story.
import type { FingerprintRecord } from './types.ts';

const HASHES = 48;
const THRESHOLD = 0.3;

function shingles(title: string, text: string): Set<string> {
  const w = (`${title} ${text}`.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((x) => x.length > 3);
  const out = new Set<string>(w);
  for (let i = 0; i + 1 < w.length; i++) out.add(`${w[i]} ${w[i + 1]}`);
  return out;
}

/** 32-bit FNV-1a with a seed. */
function fnv(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d) >>> 0;
  return (h ^ (h >>> 12)) >>> 0;
}

/** MinHash signature (48 × 32-bit, hex) of title + text. */
export function fingerprint(title: string, text: string): string {
  const set = shingles(title, text);
  const mins = new Array<number>(HASHES).fill(0xffffffff);
  for (const s of set) for (let k = 0; k < HASHES; k++) mins[k] = Math.min(mins[k], fnv(s, k * 0x9e3779b1));
  return mins.map((m) => m.toString(16).padStart(8, '0')).join('');
}

/** Estimated Jaccard similarity of two signatures. */
export function similarity(a: string, b: string): number {
  if (a.length !== b.length || a.length === 0) return 0;
  let same = 0;
  for (let k = 0; k < a.length; k += 8) if (a.slice(k, k + 8) === b.slice(k, k + 8)) same++;
  return same / (a.length / 8);
}

export const isNearDuplicate = (a: string, b: string) => similarity(a, b) >= THRESHOLD;

/**
 * Story id for each fresh item: the story of the earliest near-duplicate among recent and fresh
 * items, else the item's own id.
 */
export function assignStories(fresh: Array<{ id: string; fingerprint: string; publishedAt: string }>, recent: FingerprintRecord[]): Map<string, string> {
  const out = new Map<string, string>();
  const pool: FingerprintRecord[] = [...recent];
  const ordered = [...fresh].sort((a, b) => a.publishedAt.localeCompare(b.publishedAt) || a.id.localeCompare(b.id));
  for (const item of ordered) {
    const match = pool
      .filter((p) => p.id !== item.id && isNearDuplicate(p.fingerprint, item.fingerprint))
      .sort((a, b) => a.publishedAt.localeCompare(b.publishedAt) || a.id.localeCompare(b.id))[0];
    const storyId = match ? match.storyId : item.id;
    out.set(item.id, storyId);
    pool.push({ ...item, storyId });
  }
  return out;
}
