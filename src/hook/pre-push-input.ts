// git's pre-push protocol, parsed: one stdin line per ref being pushed,
//   <local ref> SP <local oid> SP <remote ref> SP <remote oid>
// A zero oid (40 zeros for SHA-1, 64 for SHA-256) on the local side is a deletion, on the
// remote side a ref the remote does not have yet. Pure: text in, updates out.
import { UsageError } from '../errors.js';

export interface PushUpdate {
  localRef: string;
  localOid: string;
  remoteRef: string;
  remoteOid: string;
}

/** What one pushed ref asks the scanner to do. */
export type PushKind =
  /** The remote ref is deleted: nothing is sent, nothing to scan. */
  | 'delete'
  /** The remote does not have the ref yet. */
  | 'create'
  /** The remote has the ref at `remoteOid` (fast-forward or force). */
  | 'update';

const OID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

export function isZeroOid(oid: string): boolean {
  return OID.test(oid) && /^0+$/.test(oid);
}

/** Parses every non-blank line; a malformed line is a usage error naming its line number. */
export function parsePrePushInput(text: string): PushUpdate[] {
  const updates: PushUpdate[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const fields = line.trim().split(/\s+/);
    const [localRef, localOid, remoteRef, remoteOid] = fields;
    if (fields.length !== 4 || !localRef || !remoteRef || !localOid || !remoteOid || !OID.test(localOid) || !OID.test(remoteOid)) {
      throw new UsageError(
        `pre-push input line ${index + 1} is not "<local ref> <local oid> <remote ref> <remote oid>": ${JSON.stringify(line.slice(0, 200))}`,
      );
    }
    updates.push({ localRef, localOid, remoteRef, remoteOid });
  });
  return updates;
}

export function pushKind(update: PushUpdate): PushKind {
  if (isZeroOid(update.localOid)) return 'delete';
  if (isZeroOid(update.remoteOid)) return 'create';
  return 'update';
}

/**
 * git passes the remote's name and its URL; pushing to a bare URL passes the URL twice. A name
 * has remote-tracking refs under refs/remotes/<name>/; a URL has none.
 */
export function remoteIsUrl(remote: string | undefined, url: string | undefined): boolean {
  if (!remote) return true;
  if (url !== undefined && remote === url) return true;
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(remote) || remote.startsWith('/') || remote.startsWith('.') || /^[^/]+@[^/]+:/.test(remote);
}
