// The string values of a JSON text with where they are: JSON.parse gives structure but no
// positions, and a finding must point at the real line of the value. One linear pass over the
// tokens, keeping the key path. Pure.
//
// Bounded: a hostile file nests arrays thousands deep, and copying that path for every value made
// memory grow with depth x values (a 150 KB file ran a scan out of heap). Values deeper than
// `maxDepth` are not reported (their path is never built) and the pass stops after `maxLeaves`,
// so the work is linear in the text and the output at most maxLeaves x maxDepth steps.

export interface JsonStringLeaf {
  /** Keys and array indices from the root to the value. */
  path: (string | number)[];
  /** The decoded value. */
  value: string;
  /** Offsets of the raw characters between the quotes (escapes as written). */
  start: number;
  end: number;
}

export interface JsonLeafLimits {
  /** Values whose path has more steps than this are skipped. */
  maxDepth?: number;
  /** The pass stops once this many leaves are found. */
  maxLeaves?: number;
}

export const DEFAULT_JSON_LEAF_LIMITS: Readonly<Required<JsonLeafLimits>> = { maxDepth: 64, maxLeaves: 10_000 };

type Frame = { kind: 'object'; key: string | null } | { kind: 'array'; index: number };

/**
 * The string values (not keys) of a JSON text, in order, up to the limits; null when the text is
 * not JSON (as far as the pass reads: one stopped at maxLeaves does not check the rest).
 */
export function jsonStringLeaves(text: string, limits: JsonLeafLimits = {}): JsonStringLeaf[] | null {
  const { maxDepth, maxLeaves } = { ...DEFAULT_JSON_LEAF_LIMITS, ...limits };
  const leaves: JsonStringLeaf[] = [];
  const stack: Frame[] = [];
  const pathOf = (): (string | number)[] => stack.map((f) => (f.kind === 'object' ? (f.key ?? '') : f.index));
  // After a value in an array, the next value has the next index; in an object, a key is expected.
  const afterValue = (): void => {
    const top = stack[stack.length - 1];
    if (top?.kind === 'array') top.index++;
    else if (top) top.key = null;
  };
  for (let at = 0; at < text.length; at++) {
    const ch = text[at]!;
    if (ch === '"') {
      const close = closingQuote(text, at + 1);
      if (close < 0) return null;
      let value: string;
      try {
        value = JSON.parse(text.slice(at, close + 1)) as string;
      } catch {
        return null;
      }
      const top = stack[stack.length - 1];
      if (top?.kind === 'object' && top.key === null) top.key = value;
      else {
        if (stack.length <= maxDepth) {
          if (leaves.length >= maxLeaves) break;
          leaves.push({ path: pathOf(), value, start: at + 1, end: close });
        }
        afterValue();
      }
      at = close;
    } else if (ch === '{') stack.push({ kind: 'object', key: null });
    else if (ch === '[') stack.push({ kind: 'array', index: 0 });
    else if (ch === '}' || ch === ']') {
      stack.pop();
      afterValue();
    } else if (/[-0-9tfn]/.test(ch)) {
      // a number, true, false or null: skip it, it is a value
      while (at + 1 < text.length && /[-+0-9.eEtruflsn]/.test(text[at + 1]!)) at++;
      afterValue();
    }
  }
  return leaves;
}

/** Offset of the quote closing a string whose content starts at `from`, or -1. */
function closingQuote(text: string, from: number): number {
  for (let at = from; at < text.length; at++) {
    const ch = text[at];
    if (ch === '\\') at++;
    else if (ch === '"') return at;
    else if (ch === '\n') return -1;
  }
  return -1;
}

/** The last key (not index) of a leaf's path. */
export function lastKey(path: readonly (string | number)[]): string | undefined {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return undefined;
}
