// Masking secrets: the last policy step before anything leaves scan(). Reporters print what they
// are given, so everything that may carry a secret (the secret itself, snippets, analyzer details,
// messages) is masked here, once.
import { encodedForms } from '../detect/decode-segments.js';
import type { Encoding, Finding, Occurrence, ScanResult } from '../types.js';

const ELLIPSIS = '…';
/** Leading characters shown for long secrets: enough to tell `ghp_…` from `AKIA…`. */
const MAX_VISIBLE = 4;
/** Secrets this short show at most one character (a prefix of a short secret is most of it). */
const SHORT_SECRET = 6;
/** A PEM armor line is a public label, so more of it may show: `-----BEGIN RSA…`. */
const PEM_ARMOR = /^-----BEGIN [A-Z0-9 ]+-----$/;
const MAX_VISIBLE_ARMOR = 15;

/**
 * A few leading characters and `…`: at most ~25% of the secret, at most 4 characters (15 of a PEM
 * armor line), at most 1 for secrets of 6 characters or fewer, never the whole secret. Multi-line
 * secrets show only the start of their first line. Counts code points, so a surrogate pair is
 * never split.
 */
export function redactSecret(secret: string): string {
  const chars = Array.from(secret);
  const firstLine = Array.from(secret.split(/\r?\n|\r/, 1)[0] ?? '');
  const quarter = Math.floor(chars.length / 4);
  const cap = chars.length <= SHORT_SECRET ? 1 : PEM_ARMOR.test(firstLine.join('')) ? MAX_VISIBLE_ARMOR : MAX_VISIBLE;
  const visible = Math.min(quarter, cap, firstLine.length);
  const masked = firstLine.slice(0, visible).join('').trimEnd() + ELLIPSIS;
  // Only a secret that is itself `…` could survive the mask; never let it through.
  return secret.length > 0 && masked.includes(secret) ? '[redacted]' : masked;
}

/**
 * Replaces every occurrence of each secret in `text` with its redacted form. One left-to-right
 * pass with the longest secret first at each position, so a secret that contains another is
 * masked whole, and masks are never re-scanned.
 */
export function redactText(text: string, secrets: readonly string[]): string {
  const present = [...new Set(secrets)].filter((s) => s.length > 0 && text.includes(s));
  if (present.length === 0) return text;
  present.sort((a, b) => b.length - a.length);
  const alternation = new RegExp(present.map(escapeRegExp).join('|'), 'g');
  return text.replace(alternation, (secret) => redactSecret(secret));
}

/**
 * A copy of `result` with every finding's secret, every snippet, string values in analyzer
 * details, error messages and notes masked. Every secret of the result is masked everywhere: a
 * snippet may show a neighbouring finding's secret too, in plain or in the encoded form decoding
 * found it in (`STRIPE=<key> GH=<base64 of a token>`: the Stripe finding's snippet is the raw
 * line). Already-redacted results are returned unchanged (masking a mask would only lose the
 * prefix). With `--no-redact` this is not called at all: the user asked for the raw lines, and
 * the decoded secrets are printed in full then anyway, so masking their encoded forms would only
 * make snippets differ from the file.
 */
export function redactResult(result: ScanResult): ScanResult {
  if (result.redacted) return result;
  // Suppressed secrets too: a reported finding's snippet may show a suppressed neighbour.
  const secrets = [...result.findings.map((f) => f.secret), ...(result.suppressed ?? []).map((s) => s.secret)];
  const encoded = encodedFormIndex(result);
  const mask = (text: string): string => redactText(text, encoded.size === 0 ? secrets : [...secrets, ...formsIn(text, encoded)]);
  return {
    ...result,
    findings: result.findings.map((f) => redactFinding(f, mask)),
    ...(result.suppressed !== undefined && {
      suppressed: result.suppressed.map((s) => ({
        ...s,
        secret: redactSecret(s.secret),
        reason: s.reason === null ? null : mask(s.reason),
      })),
    }),
    summary: {
      ...result.summary,
      errors: result.summary.errors.map((e) => ({ ...e, message: mask(e.message) })),
      notes: result.summary.notes.map(mask),
    },
    redacted: true,
  };
}

/** Encoded forms shorter than this are not masked: short runs are too common in other text. */
const MIN_ENCODED_FORM = 8;
/** Single-level encodings tried for suppressed secrets, whose encoding chain is not kept. */
const SINGLE_ENCODINGS: readonly Encoding[][] = [['base64'], ['hex'], ['percent']];

/**
 * The encoded forms of the result's secrets (detect/decode-segments.ts: encodedForms), by their
 * first MIN_ENCODED_FORM characters, so a text is searched for all of them in one linear pass.
 * A finding's forms follow the chains its occurrences were decoded through; a suppressed
 * secret's chain is not kept, so each single encoding is tried.
 */
function encodedFormIndex(result: ScanResult): Map<string, string[]> {
  const index = new Map<string, string[]>();
  const add = (secret: string, chain: readonly Encoding[]): void => {
    for (const form of encodedForms(secret, chain)) {
      if (form.length < MIN_ENCODED_FORM || form === secret) continue;
      const key = form.slice(0, MIN_ENCODED_FORM);
      const forms = index.get(key);
      if (forms === undefined) index.set(key, [form]);
      else if (!forms.includes(form)) forms.push(form);
    }
  };
  for (const finding of result.findings) {
    const chains = new Map(finding.occurrences.flatMap((o) => (o.encoding ? [[o.encoding.join('>'), o.encoding] as const] : [])));
    for (const chain of chains.values()) add(finding.secret, chain);
  }
  for (const suppressed of result.suppressed ?? []) for (const chain of SINGLE_ENCODINGS) add(suppressed.secret, chain);
  return index;
}

/** The indexed encoded forms that occur in `text`. */
function formsIn(text: string, index: ReadonlyMap<string, readonly string[]>): string[] {
  const found = new Set<string>();
  for (let at = 0; at + MIN_ENCODED_FORM <= text.length; at++) {
    for (const form of index.get(text.slice(at, at + MIN_ENCODED_FORM)) ?? []) {
      if (text.startsWith(form, at)) found.add(form);
    }
  }
  return [...found];
}

function redactFinding(finding: Finding, mask: (text: string) => string): Finding {
  const redacted: Finding = {
    ...finding,
    secret: redactSecret(finding.secret),
    occurrences: finding.occurrences.map((o) => redactOccurrence(o, mask)),
  };
  if (finding.details !== undefined) redacted.details = maskStrings(finding.details, mask) as Record<string, unknown>;
  return redacted;
}

function redactOccurrence(occurrence: Occurrence, mask: (text: string) => string): Occurrence {
  const masked: Occurrence = occurrence.snippet === undefined ? { ...occurrence } : { ...occurrence, snippet: mask(occurrence.snippet) };
  if (occurrence.allow?.reason) masked.allow = { ...occurrence.allow, reason: mask(occurrence.allow.reason) };
  return masked;
}

/** Details should never hold the secret; mask their strings anyway, in case an analyzer slips. */
function maskStrings(value: unknown, mask: (text: string) => string): unknown {
  if (typeof value === 'string') return mask(value);
  if (Array.isArray(value)) return value.map((v) => maskStrings(v, mask));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskStrings(v, mask)]));
  }
  return value;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
