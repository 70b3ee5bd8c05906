// The built-in allowlist: only things that cannot hold a secret. Images and fonts are never read;
// lockfile integrity lines (`"integrity": "sha512-…"`, yarn's `integrity sha512-…`, go.sum's
// `h1:` hashes) are hashes of public packages. The rest of a lockfile is still scanned: a
// `resolved` URL can carry a registry token. `allowlist: { defaults: false }` turns this off.

export const DEFAULT_ALLOWLIST_PATHS: readonly string[] = [
  '*.png', '*.jpg', '*.jpeg', '*.gif', '*.bmp', '*.ico', '*.webp', '*.avif', '*.tif', '*.tiff', '*.icns',
  '*.woff', '*.woff2', '*.ttf', '*.otf', '*.eot',
];

export const DEFAULT_ALLOWLIST_LINE_REGEXES: readonly RegExp[] = [
  // package-lock.json / npm-shrinkwrap.json, yarn.lock (v1 and berry), pnpm-lock.yaml
  /^\s*"?integrity"?\s*[:=]?\s*"?sha(1|256|384|512)-[A-Za-z0-9+/]+={0,2}"?,?\s*$/,
  /^\s*(resolution|tarball):\s*\{\s*integrity:\s*sha(1|256|384|512)-[A-Za-z0-9+/]+={0,2}\s*\}\s*$/,
  /^\s*checksum:\s*[0-9a-f]{64,128}\s*$/,
  // go.sum
  /^\S+ v\S+ h1:[A-Za-z0-9+/]+={0,2}$/,
];
