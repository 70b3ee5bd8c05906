// Shannon entropy of a candidate secret, and which alphabet it is written in. Random tokens sit
// near the maximum entropy of their alphabet; words and placeholders sit well below it.

export type Charset = 'hex' | 'base64url' | 'base64' | 'alphanumeric' | 'other';

/** Shannon entropy in bits per character (0 for the empty string). */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const total = [...value].length;
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / total;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** The narrowest common token alphabet the value fits in (checked narrowest first). */
export function detectCharset(value: string): Charset {
  if (/^[0-9a-fA-F]+$/.test(value)) return 'hex';
  if (/^[A-Za-z0-9]+$/.test(value)) return 'alphanumeric';
  if (/^[A-Za-z0-9_-]+$/.test(value)) return 'base64url';
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return 'base64';
  return 'other';
}

/** Bits per character a uniformly random string over the charset would reach. */
export function maxEntropy(charset: Charset): number {
  switch (charset) {
    case 'hex':
      return 4;
    case 'alphanumeric':
      return Math.log2(62);
    case 'base64url':
    case 'base64':
      return 6;
    case 'other':
      return Math.log2(95);
  }
}
