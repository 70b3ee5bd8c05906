// The JWT and browser-auth rules: what each means and exactly what to do. Ids are permanent.
import type { RuleInfo } from '../types.js';

const GENERATE =
  'Generate a new key with `leakhound generate --alg HS256` (32 random bytes; 48 for HS384, 64 for HS512), ' +
  'store it in your secret manager or deployment environment, read it with `process.env.JWT_SECRET` ' +
  '(validated at start-up with `assertStrongSecrets([\'JWT_SECRET\'])` or `leakhound check-env`), ' +
  'and rotate: every token signed with the old key must stop being accepted.';

export const HARDCODED_SECRET: RuleInfo = {
  id: 'jwt.hardcoded-secret',
  name: 'Hard-coded JWT signing secret',
  description:
    'A JWT signing secret written into code or configuration (a key passed to jsonwebtoken, jose, express-jwt, ' +
    'passport-jwt, @nestjs/jwt, fastify-jwt or PyJWT, a JWT_SECRET-like setting, or the fallback of ' +
    '`process.env.JWT_SECRET || ...`). Whoever can read the repository or its history can mint valid tokens ' +
    'for any user, including administrators.',
  fix: `Remove the literal and read the key from the environment only, failing at start-up when it is missing (no fallback). ${GENERATE} If it ever reached a shared branch, it is in history: rotate first, then rewrite history.`,
  severity: 'high',
  tags: ['jwt', 'secret'],
};

export const WEAK_SECRET: RuleInfo = {
  id: 'jwt.weak-secret',
  name: 'Weak JWT signing secret',
  description:
    'A JWT signing secret shorter than its algorithm needs (HS256 32 bytes, HS384 48, HS512 64), of low entropy, ' +
    'or on the list of known defaults (`secret`, `your-256-bit-secret`, `changeme`, ...). HMAC keys like these are ' +
    'cracked offline from a single token in seconds, and then anyone can forge tokens.',
  fix: `Replace it with a random key of the right length. ${GENERATE}`,
  severity: 'high',
  tags: ['jwt', 'secret', 'weak'],
};

export const SECRET_IN_CLIENT: RuleInfo = {
  id: 'jwt.secret-in-client',
  name: 'JWT signing secret in browser code',
  description:
    'A signing secret in code that ships to browsers (React/Vue/Angular/Svelte components, client or public ' +
    'folders, bundles) or in an environment variable with a public prefix (NEXT_PUBLIC_, VITE_, REACT_APP_, ' +
    'NUXT_PUBLIC_, EXPO_PUBLIC_, GATSBY_, PUBLIC_). Bundlers inline these values: every visitor can read the key.',
  fix:
    'Sign and verify tokens only on the server. Remove the key from client code and rename the variable ' +
    `without the public prefix so the bundler never inlines it. ${GENERATE}`,
  severity: 'critical',
  tags: ['jwt', 'secret', 'client'],
};

export const SECRET_LOGGED: RuleInfo = {
  id: 'jwt.secret-logged',
  name: 'Secret written to logs',
  description:
    'A logging call (console.*, logger/winston/pino/bunyan, print) whose arguments include a secret such as ' +
    '`process.env.JWT_SECRET` or `jwtSecret`. Logs are copied to terminals, CI output and log services that many ' +
    'more people and systems can read.',
  fix:
    'Remove the secret from the log call; log only that it is set (e.g. its length or a fingerprint). If such a ' +
    `line ever ran in a shared environment, treat the key as leaked and rotate it. ${GENERATE}`,
  severity: 'high',
  tags: ['jwt', 'secret', 'logging'],
};

export const SECRET_REUSED: RuleInfo = {
  id: 'jwt.secret-reused',
  name: 'Same secret in several environments',
  description:
    'The same secret value appears in the configuration of different environments (.env.development, ' +
    '.env.staging, .env.production, config/<env>.*). A key known to developers or test systems then also signs ' +
    'production tokens: a token from one environment is accepted by all.',
  fix: `Give every environment its own key and keep production keys out of the repository. ${GENERATE}`,
  severity: 'high',
  tags: ['jwt', 'secret'],
};

export const TOKEN_ALG_NONE: RuleInfo = {
  id: 'jwt.alg-none',
  name: 'Unsigned JWT (alg none)',
  description:
    'A committed JWT whose header says `alg: none`: it carries no signature. A server that accepts it lets anyone ' +
    'write any claims; its presence usually means tests or code rely on unsigned tokens.',
  fix:
    'Never accept `alg: none`: pass an explicit `algorithms: [\'HS256\']` (or your RS/ES algorithm) to every ' +
    'verify call, and replace the fixture with a token signed by a throwaway test key.',
  severity: 'high',
  tags: ['jwt', 'token'],
};

export const TOKEN_NO_EXPIRY: RuleInfo = {
  id: 'jwt.no-expiry',
  name: 'JWT without expiry',
  description:
    'A committed JWT without an `exp` claim: if its key is still trusted, the token is valid forever, and nothing ' +
    'but rotating the signing key revokes it.',
  fix:
    'Revoke the session behind the token (or rotate the signing key), and issue tokens with a short lifetime ' +
    '(`expiresIn: \'15m\'` for access tokens, refresh tokens for longer sessions).',
  severity: 'low',
  tags: ['jwt', 'token'],
};

export const WEAK_SIGNATURE: RuleInfo = {
  id: 'jwt.weak-signature',
  name: 'JWT signed with a known or leaked key',
  description:
    'A committed HS256/384/512 token whose signature verifies with a key leakhound already knows: a secret found ' +
    'elsewhere in this scan or a known default. Anyone with the same key (everyone, for a default) can forge ' +
    'tokens that the issuer accepts.',
  fix: `Rotate the signing key named in the finding's details (the token's own key), revoke the token, and remove both from the repository. ${GENERATE}`,
  severity: 'critical',
  tags: ['jwt', 'token', 'weak'],
};

export const SIGN_WITHOUT_EXPIRY: RuleInfo = {
  id: 'jwt.sign-without-expiry',
  name: 'JWT signed without expiry',
  description:
    '`jwt.sign` without `expiresIn` (or an `exp` claim), or a jose `SignJWT` without `setExpirationTime`: the ' +
    'token never expires, so a stolen token works until the signing key is rotated.',
  fix: "Set a short lifetime: `jwt.sign(payload, key, { expiresIn: '15m' })` or `.setExpirationTime('15m')`; use refresh tokens for longer sessions.",
  severity: 'medium',
  tags: ['jwt', 'auth'],
};

export const VERIFY_WITHOUT_ALGORITHMS: RuleInfo = {
  id: 'jwt.verify-without-algorithms',
  name: 'JWT verified without an algorithm list',
  description:
    '`jwt.verify` without `algorithms`: the token header picks the algorithm, which opens algorithm-confusion ' +
    'attacks (an RS256 public key used as an HS256 secret, or `none` on lenient libraries).',
  fix: "Pin the algorithm: `jwt.verify(token, key, { algorithms: ['HS256'] })`.",
  severity: 'medium',
  tags: ['jwt', 'auth'],
};

export const TOKEN_IN_LOCALSTORAGE: RuleInfo = {
  id: 'auth.token-in-localstorage',
  name: 'Token stored in localStorage',
  description:
    'An auth token written to `localStorage`: any script on the page (one XSS, one compromised dependency) can ' +
    'read it and send it elsewhere, and it survives the browser session.',
  fix:
    'Have the server set the token in an `httpOnly; Secure; SameSite=Strict` cookie, or keep it in memory (a module ' +
    'variable) and refresh it through an httpOnly refresh-token cookie.',
  severity: 'medium',
  tags: ['auth', 'client'],
};

export const TOKEN_IN_SESSIONSTORAGE: RuleInfo = {
  id: 'auth.token-in-sessionstorage',
  name: 'Token stored in sessionStorage',
  description: 'An auth token written to `sessionStorage`: readable by any script on the page, like localStorage.',
  fix: 'Move the token to an `httpOnly; Secure; SameSite=Strict` cookie set by the server, or keep it in memory.',
  severity: 'medium',
  tags: ['auth', 'client'],
};

export const TOKEN_IN_URL: RuleInfo = {
  id: 'auth.token-in-url',
  name: 'Token in a URL',
  description:
    'An auth token put into a URL query (`?token=`, `access_token=`, URLSearchParams) or a literal URL carrying a ' +
    'JWT. URLs end up in server and proxy logs, browser history and Referer headers.',
  fix: 'Send tokens in the `Authorization: Bearer` header or an httpOnly cookie, never in the URL.',
  severity: 'medium',
  tags: ['auth'],
};

export const COOKIE_NOT_HTTPONLY: RuleInfo = {
  id: 'auth.cookie-not-httponly',
  name: 'Token cookie without httpOnly',
  description:
    'A token-like cookie set without `httpOnly: true` (express `res.cookie`, `cookies.set`, `Set-Cookie`): page ' +
    'scripts can read it, so one XSS steals the session.',
  fix: "Set `httpOnly: true` (and `secure: true`, `sameSite: 'strict'`) on every cookie that carries a token.",
  severity: 'medium',
  tags: ['auth', 'cookie'],
};

export const COOKIE_NOT_SECURE: RuleInfo = {
  id: 'auth.cookie-not-secure',
  name: 'Token cookie without secure',
  description: 'A token-like cookie set without `secure: true`: the browser also sends it over plain HTTP, where it can be read on the wire.',
  fix: "Set `secure: true` on every cookie that carries a token (with `httpOnly: true` and `sameSite: 'strict'`).",
  severity: 'low',
  tags: ['auth', 'cookie'],
};

export const COOKIE_NO_SAMESITE: RuleInfo = {
  id: 'auth.cookie-no-samesite',
  name: 'Token cookie without SameSite',
  description: 'A token-like cookie set without `sameSite`: other sites can make the browser send it (cross-site request forgery).',
  fix: "Set `sameSite: 'strict'` (or `'lax'` when cross-site top-level navigation must stay logged in).",
  severity: 'low',
  tags: ['auth', 'cookie'],
};

export const JWT_SECRET_RULES: readonly RuleInfo[] = [HARDCODED_SECRET, WEAK_SECRET, SECRET_IN_CLIENT];
export const JWT_TOKEN_RULES: readonly RuleInfo[] = [TOKEN_ALG_NONE, TOKEN_NO_EXPIRY];
