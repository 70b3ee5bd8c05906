// Seeded pseudo-random numbers, so every generated tree and history is byte-for-byte the same on
// every machine and run (Math.random would make the figures incomparable between runs).

/** A 32-bit seed from any mix of strings and numbers (FNV-1a), e.g. seedOf('worktree', 42). */
export function seedOf(...parts) {
  let hash = 0x811c9dc5;
  for (const char of parts.join('\u0000')) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * A generator of uniform numbers in [0, 1) (the mulberry32 mixing function) plus the helpers the
 * generators need. The state lives in the closure of one generator, never at module level.
 */
export function createRng(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  return {
    next,
    /** Integer in [lo, hi], both included. */
    int,
    chance: (probability) => next() < probability,
    pick: (items) => items[Math.floor(next() * items.length)],
    /** `length` characters drawn from `alphabet`. */
    chars: (length, alphabet) => {
      let out = '';
      for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
      return out;
    },
    /** Log-normal size around `median` (sigma in natural-log units): most files small, a long tail. */
    logNormal: (median, sigma) => {
      const u1 = next() || Number.MIN_VALUE;
      const gaussian = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * next());
      return median * Math.exp(sigma * gaussian);
    },
    /** A child generator with its own stream, so parts can be generated independently. */
    fork: (...parts) => createRng(seedOf(seed, ...parts)),
  };
}

export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const HEX = '0123456789abcdef';
export const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
export const BASE32_UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
