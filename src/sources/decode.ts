// Bytes -> text, or "binary". Git's own heuristic (a NUL in the first 8000 bytes) decides binary,
// except for UTF-16 with a BOM, which is text full of NULs.

const SNIFF_BYTES = 8000;

export type Decoded = { kind: 'text'; text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' } | { kind: 'binary' };

export function decodeBlob(data: Buffer): Decoded {
  if (data.length >= 2 && data[0] === 0xff && data[1] === 0xfe) {
    return { kind: 'text', text: data.subarray(2).toString('utf16le'), encoding: 'utf-16le' };
  }
  if (data.length >= 2 && data[0] === 0xfe && data[1] === 0xff) {
    return { kind: 'text', text: swapBytes(data.subarray(2)).toString('utf16le'), encoding: 'utf-16be' };
  }
  if (data.subarray(0, SNIFF_BYTES).includes(0)) return { kind: 'binary' };
  const start = data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? 3 : 0;
  return { kind: 'text', text: data.toString('utf8', start), encoding: 'utf-8' };
}

function swapBytes(be: Buffer): Buffer {
  const even = be.length - (be.length % 2);
  const le = Buffer.allocUnsafe(even);
  for (let i = 0; i < even; i += 2) {
    le[i] = be[i + 1]!;
    le[i + 1] = be[i]!;
  }
  return le;
}
