// Values that stand in for a secret rather than being one: template variables, documentation
// filler, references to where the real value lives. Shared by every rule with
// `placeholder_filter: true` (the generic rules, connection URIs), so a rule never has to list
// its own stopwords.

/** Whole-value words that are never a real secret (compared lower-case, quotes stripped). */
const PLACEHOLDER_WORDS = new Set([
  'password', 'passwd', 'pass', 'pwd', 'passphrase', 'secret', 'token', 'apikey', 'api_key',
  'key', 'user', 'username', 'changeme', 'change_me', 'change-me', 'example', 'sample',
  'dummy', 'fake', 'mock', 'test', 'testing', 'placeholder', 'redacted', 'hidden', 'masked',
  'null', 'nil', 'none', 'undefined', 'true', 'false', 'empty', 'string', 'str', 'number',
  'boolean', 'bool', 'bytes', 'required', 'optional', 'todo', 'tbd', 'fixme', 'foo', 'bar',
  'foobar', 'baz', 'qwerty', 'letmein', 'default', 'secretkey', 'mysecret', 'mypassword',
  'yourpassword', 'your_password', 'notasecret', 'value', 'xxx',
]);

/** Substrings that mark documentation or test filler wherever they appear. */
const PLACEHOLDER_FRAGMENTS = [
  'changeme', 'change_me', 'change-me', 'example', 'dummy', 'placeholder', 'redacted',
  'sample', 'xxxx', '****', '....', '----', '____', '#####', '123456', 'abcdef', 'qwerty',
  'your-', 'your_', 'insert', 'replace', 'fake', 'test', 'not-a-secret', 'notasecret',
];

/** Template syntaxes: `${VAR}`, `{{ var }}`, `%(name)s`, `<password>`, `$VAR`, `%VAR%`, `[secret]`. */
const TEMPLATE_PATTERNS: readonly RegExp[] = [
  /\$\{[^}]*\}/,
  /\{\{[^}]*\}\}/,
  /%\([^)]*\)[sd]/,
  /^<[^<>]+>$/,
  /^\[[^\]]+\]$/,
  /^\$[A-Za-z_][A-Za-z0-9_]*$/,
  /^%[A-Za-z_][A-Za-z0-9_]*%$/,
  /^#\{[^}]*\}$/,
];

/** Code that reads the secret from somewhere else instead of holding it. */
const REFERENCE_PATTERNS: readonly RegExp[] = [
  /^(?:process\.env|import\.meta\.env|os\.environ|os\.getenv|env|ENV|System\.getenv|getenv|config|settings|secrets|vault)\s*[.[(]/,
  // a dotted path: this.password, config.db.password, Settings.Secret
  /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+;?$/,
  // a call or an index: getPassword(), read_secret("x"), env["X"]
  /^[A-Za-z_$][\w$.]*\s*[([].*[)\]];?$/,
  // an environment-variable name: DB_PASSWORD, API_KEY
  /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/,
];

function isRepeatedChar(value: string): boolean {
  return /^(.)\1*$/s.test(value);
}

function isShortCycle(value: string): boolean {
  // "abcabcabc", "121212": a short unit repeated is typed by hand, not generated.
  return value.length >= 6 && /^(.{1,3})\1+.{0,2}$/s.test(value);
}

/** True when the value is a stand-in for a secret rather than a secret. */
export function isPlaceholder(value: string): boolean {
  const trimmed = value.trim().replace(/^["'`]|["'`]$/g, '');
  if (trimmed.length === 0) return true;
  const lower = trimmed.toLowerCase();
  if (PLACEHOLDER_WORDS.has(lower)) return true;
  if (isRepeatedChar(trimmed) || isShortCycle(trimmed)) return true;
  if (PLACEHOLDER_FRAGMENTS.some((fragment) => lower.includes(fragment))) return true;
  if (TEMPLATE_PATTERNS.some((pattern) => pattern.test(trimmed))) return true;
  if (REFERENCE_PATTERNS.some((pattern) => pattern.test(trimmed))) return true;
  return false;
}
