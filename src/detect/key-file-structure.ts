// What a key file's bytes say about it: named structure checks that confirm a file named like a
// key store really is one holding a key (a name alone is a weak signal: `example.p12` may be a
// placeholder, `truststore.jks` holds only public certificates, an LFS pointer holds nothing).
// Each check looks at a few leading bytes first, so running all of them on every blob is cheap.
// Pure: bytes in, names out.

export type StructureCheck = (data: Uint8Array) => boolean;

/** PKCS#12 bag type OIDs (1.2.840.113549.1.12.10.1.x) as DER, without the last arc. */
const PKCS12_BAG_OID_PREFIX = [0x06, 0x0b, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x0a, 0x01];
const KEY_BAG = 1;
const SHROUDED_KEY_BAG = 2;
const CERT_BAG = 3;
const SECRET_BAG = 5;
/** 1.2.840.113549.1.7.6 (encryptedData): content we cannot see into. */
const ENCRYPTED_DATA_OID = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x06];

/**
 * A PKCS#12 (PFX) file holding a key: DER `SEQUENCE { INTEGER 3, ... }`, and not one whose
 * visible content is only certificates. Tools (openssl, keytool, Windows, macOS) put keys in a
 * plain `data` bag (shrouded, i.e. encrypted by the password) and certificates in an encrypted
 * one, so a file with encrypted content and no visible key bag is a trust store.
 */
export function isPkcs12WithKey(data: Uint8Array): boolean {
  if (data.length < 16 || data[0] !== 0x30) return false;
  const header = derLengthEnd(data, 1);
  if (header === null || data[header] !== 0x02 || data[header + 1] !== 0x01 || data[header + 2] !== 0x03) return false;
  const bags = pkcs12BagTypes(data);
  if (bags.has(KEY_BAG) || bags.has(SHROUDED_KEY_BAG) || bags.has(SECRET_BAG)) return true;
  const onlyCertificates = bags.has(CERT_BAG) || indexOf(data, ENCRYPTED_DATA_OID, 0) >= 0;
  return !onlyCertificates;
}

/** Offset just past a DER length field starting at `at`, or null if it is not a plausible one. */
function derLengthEnd(data: Uint8Array, at: number): number | null {
  const first = data[at];
  if (first === undefined) return null;
  if (first === 0x80) return at + 1; // BER indefinite length (older exporters)
  if (first < 0x80) return at + 1;
  const octets = first & 0x7f;
  if (octets > 4 || at + 1 + octets > data.length) return null;
  let length = 0;
  for (let i = 0; i < octets; i++) length = length * 256 + data[at + 1 + i]!;
  const end = at + 1 + octets;
  return end + length <= data.length ? end : null;
}

function pkcs12BagTypes(data: Uint8Array): Set<number> {
  const types = new Set<number>();
  for (let at = indexOf(data, PKCS12_BAG_OID_PREFIX, 0); at >= 0; at = indexOf(data, PKCS12_BAG_OID_PREFIX, at + 1)) {
    const type = data[at + PKCS12_BAG_OID_PREFIX.length];
    if (type !== undefined) types.add(type);
  }
  return types;
}

const JKS_MAGIC = 0xfeedfeed;
const JCEKS_MAGIC = 0xcececece;
const JKS_PRIVATE_KEY = 1;
const JKS_TRUSTED_CERT = 2;
const JCEKS_SECRET_KEY = 3;

/**
 * A Java KeyStore (JKS) or JCEKS file holding a private or secret key. Walks the entries: a store
 * of trusted certificates only (a trust store, `cacerts`) is public. A store that cannot be read
 * to the end counts as holding a key: the magic says it is a key store, and nothing proves otherwise.
 */
export function isJavaKeystoreWithKey(data: Uint8Array): boolean {
  if (data.length < 12 || (data[0] !== 0xfe && data[0] !== 0xce)) return false;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const magic = view.getUint32(0);
  if (magic !== JKS_MAGIC && magic !== JCEKS_MAGIC) return false;
  const version = view.getUint32(4);
  const count = view.getUint32(8);
  let at = 12;
  const need = (bytes: number): boolean => at + bytes <= data.length;
  for (let entry = 0; entry < count; entry++) {
    if (!need(4)) return true;
    const tag = view.getUint32(at);
    at += 4;
    if (tag === JKS_PRIVATE_KEY || tag === JCEKS_SECRET_KEY) return true;
    if (tag !== JKS_TRUSTED_CERT) return true;
    // alias (modified UTF-8, u16 length), timestamp (8 bytes)
    if (!need(2)) return true;
    at += 2 + view.getUint16(at) + 8;
    // version 2 names the certificate type (u16 length + bytes) before the certificate
    if (version === 2) {
      if (!need(2)) return true;
      at += 2 + view.getUint16(at);
    }
    if (!need(4)) return true;
    at += 4 + view.getUint32(at);
    if (at > data.length) return true;
  }
  return false;
}

/** A KeePass database (KDBX 2-4 or KDB 1.x): encrypted, but open to offline guessing of its master password. */
export function isKeepassDatabase(data: Uint8Array): boolean {
  return (
    startsWith(data, [0x03, 0xd9, 0xa2, 0x9a]) &&
    (data[4] === 0x65 || data[4] === 0x66 || data[4] === 0x67) &&
    data[5] === 0xfb &&
    data[6] === 0x4b &&
    data[7] === 0xb5
  );
}

/** A PuTTY key file (any encryption): the unencrypted ones are also found by their content. */
export function isPuttyKey(data: Uint8Array): boolean {
  return startsWithText(data, 'PuTTY-User-Key-File-');
}

const PEM_PRIVATE_HEADER = /^-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY-----\r?\n/;
const SSH2_PRIVATE_HEADER = /^---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\r?\n/;
/** A full line of base64: a key body, not an elided `...` or `<your key>`. */
const BASE64_BODY_LINE = /\n[A-Za-z0-9+/]{60,76}={0,2}\r?\n/;

/** A PEM / OpenSSH / SSH2 private key with a real body (headers alone are documentation). */
export function isPemPrivateKey(data: Uint8Array): boolean {
  const bom = data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? 3 : 0;
  const start = data.subarray(bom);
  if (!startsWithText(start, '-----BEGIN ') && !startsWithText(start, '---- BEGIN ')) return false;
  const head = latin1(start, 4096);
  return (PEM_PRIVATE_HEADER.test(head) || SSH2_PRIVATE_HEADER.test(head)) && BASE64_BODY_LINE.test(head);
}

/**
 * A binary OpenPGP secret key (`gpg --export-secret-keys`, `secring.gpg`): the first packet is a
 * Secret-Key packet (tag 5) of version 3 to 6. Encrypted messages start with other packets.
 */
export function isOpenPgpSecretKey(data: Uint8Array): boolean {
  const first = data[0];
  if (first === undefined) return false;
  let bodyAt: number;
  if (first >= 0x94 && first <= 0x97) {
    // old format, tag 5; the low two bits give the size of the length field
    const lengthBytes = [1, 2, 4, 0][first & 0x03]!;
    bodyAt = 1 + lengthBytes;
  } else if (first === 0xc5) {
    const octet = data[1];
    if (octet === undefined) return false;
    bodyAt = octet < 192 ? 2 : octet < 224 ? 3 : octet === 255 ? 6 : -1;
    if (bodyAt < 0) return false;
  } else return false;
  const version = data[bodyAt];
  return version !== undefined && version >= 3 && version <= 6;
}

/** A macOS keychain file (`kych` magic): saved passwords, encrypted with the login password. */
export function isMacosKeychain(data: Uint8Array): boolean {
  return startsWithText(data, 'kych');
}

/** Every check by the name rules use in `structure:`. */
export const STRUCTURES: ReadonlyMap<string, StructureCheck> = new Map<string, StructureCheck>([
  ['pkcs12', isPkcs12WithKey],
  ['java-keystore', isJavaKeystoreWithKey],
  ['keepass', isKeepassDatabase],
  ['putty', isPuttyKey],
  ['pem-private-key', isPemPrivateKey],
  ['openpgp-secret-key', isOpenPgpSecretKey],
  ['macos-keychain', isMacosKeychain],
]);

/** Names of the structure checks the bytes pass (usually none). */
export function fileStructures(data: Uint8Array): Set<string> {
  const passed = new Set<string>();
  for (const [name, check] of STRUCTURES) if (check(data)) passed.add(name);
  return passed;
}

function startsWith(data: Uint8Array, bytes: readonly number[]): boolean {
  return bytes.every((b, i) => data[i] === b);
}

function startsWithText(data: Uint8Array, text: string): boolean {
  if (data.length < text.length) return false;
  for (let i = 0; i < text.length; i++) if (data[i] !== text.charCodeAt(i)) return false;
  return true;
}

function latin1(data: Uint8Array, max: number): string {
  return Buffer.from(data.buffer, data.byteOffset, Math.min(max, data.byteLength)).toString('latin1');
}

function indexOf(data: Uint8Array, needle: readonly number[], from: number): number {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).indexOf(Uint8Array.from(needle), from);
}
