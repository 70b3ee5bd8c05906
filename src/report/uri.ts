// Relative file paths as RFC 3986 URI references for SARIF's artifactLocation.uri.

/** unreserved / sub-delims / "@" (RFC 3986 pchar), minus ":" which could read as a scheme. */
const PCHAR = /^[A-Za-z0-9\-._~!$&'()*+,;=@]$/;
const encoder = new TextEncoder();

/**
 * Percent-encodes a `/`-separated relative path: spaces, `%`, `#`, `?`, `:`, `\`, control
 * characters and non-ASCII (as UTF-8) are encoded, `/` stays a separator, a leading `./` is
 * dropped. Lone surrogates become U+FFFD rather than throwing like encodeURIComponent.
 */
export function pathToUriReference(path: string): string {
  const relative = path.replace(/^(\.\/)+/, '');
  return relative.split('/').map(encodeSegment).join('/');
}

function encodeSegment(segment: string): string {
  let out = '';
  for (const ch of segment) {
    if (PCHAR.test(ch)) out += ch;
    else for (const byte of encoder.encode(ch)) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** A base URI must end in `/` for relative references to resolve beneath it. */
export function asDirectoryUri(uri: string): string {
  return uri.endsWith('/') ? uri : `${uri}/`;
}
