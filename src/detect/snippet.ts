// The snippet a match shows: the line of the secret, cut to a window around it when long.

/** Snippets longer than this are cut to a window around the secret. */
export const SNIPPET_MAX = 200;

/** The line of the secret's start, cut to at most SNIPPET_MAX chars around the secret. */
export function snippetFor(lineText: string, secretColumn: number, secretLength: number): string {
  const trimmedStart = lineText.length - lineText.trimStart().length;
  let start = trimmedStart;
  let end = lineText.trimEnd().length;
  if (end - start > SNIPPET_MAX) {
    const secretStart = secretColumn - 1;
    const secretEnd = Math.min(secretStart + secretLength, end);
    const room = Math.max(0, SNIPPET_MAX - (secretEnd - secretStart));
    start = Math.max(start, secretStart - Math.floor(room / 2));
    end = Math.min(end, Math.max(secretEnd, start + SNIPPET_MAX));
  }
  return lineText.slice(start, end);
}

/** How far from the secret a line break is searched for; the snippet is cut shorter anyway. */
const LINE_SEARCH = 4 * SNIPPET_MAX;

/** The snippet of text[start, end), found without a line index (bounded search, so linear). */
export function snippetAt(text: string, start: number, end: number): string {
  const from = Math.max(0, start - LINE_SEARCH);
  const lineStart = from + text.slice(from, start).lastIndexOf('\n') + 1;
  const to = Math.min(text.length, Math.max(end, start + 1) + LINE_SEARCH);
  const next = text.slice(start, to).indexOf('\n');
  let lineEnd = next === -1 ? to : start + next;
  // CRLF: the \r belongs to the line break, not to the line.
  if (lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
  return snippetFor(text.slice(lineStart, lineEnd), start - lineStart + 1, end - start);
}
