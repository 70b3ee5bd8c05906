// HTML safety for the HTML report: every string that came from the scanned repository (paths,
// rule names from a config file, snippets, author names, commit messages) is untrusted. It is
// first made visible (control and bidi characters shown as escapes, as in the text report, so a
// path cannot hide what it is) and then escaped for text and double- or single-quoted attributes.
import { escapeControl } from './escape.js';

const HTML_SPECIAL = /[&<>"']/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes `& < > " '`: safe in element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(HTML_SPECIAL, (ch) => ENTITY[ch]!);
}

/** Untrusted text for HTML: control characters made visible, then HTML-escaped. */
export function h(text: string): string {
  return escapeHtml(escapeControl(text));
}
