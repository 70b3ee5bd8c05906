// The string values of a JSON text with where they are: JSON.parse gives structure but no
// positions, and a finding must point at the real line of the value. One linear pass over the
// tokens, keeping the key path. Pure.

export interface JsonStringLeaf {
  /** Keys and array indices from the root to the value. */
  path: (string | number)[];
  /** The decoded value. */
  value: string;
  /** Offsets of the raw characters between the quotes (escapes as written). */
  start: number;
  end: number;
}

type Frame = { kind: 'object'; key: string | null } | { kind: 'array'; index: number };

/** Every string value (not key) of a JSON text, in order; null when the text is not JSON. */
export function jsonStringLeaves(text: string): JsonStringLeaf[] | null {
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
        leaves.push({ path: pathOf(), value, start: at + 1, end: close });
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
