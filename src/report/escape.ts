// Terminal safety for the text report: a hostile file name, snippet or commit message must not
// be able to move the cursor, recolour or rewrite the screen, or hide text with bidi overrides.

/** C0 controls (incl. ESC and newline), DEL, C1 controls, bidi controls, line/paragraph separators. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

/** Shows unsafe characters as escapes: ESC -> `\x1b`, newline -> `\x0a`, U+202E -> `\u202e`. */
export function escapeControl(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
