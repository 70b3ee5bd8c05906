// Source-like text for the synthetic trees: identifiers, strings, comments, config, prose, lock
// files and minified bundles. Realism matters more than beauty here: words such as `token`,
// `secret` and `password` appear in identifiers as they do in real code (so the keyword prefilter
// is exercised, not bypassed), and lock files carry high-entropy integrity hashes.
import { BASE64, HEX } from './prng.mjs';

const NOUNS = [
  'user', 'order', 'account', 'config', 'token', 'session', 'cache', 'request', 'response', 'handler',
  'client', 'server', 'item', 'list', 'value', 'key', 'index', 'count', 'total', 'price', 'auth',
  'password', 'secret', 'payload', 'buffer', 'stream', 'event', 'queue', 'worker', 'job', 'retry',
  'timeout', 'limit', 'offset', 'page', 'query', 'filter', 'result', 'error', 'status', 'message',
  'logger', 'metrics', 'store', 'repo', 'service', 'router', 'schema', 'model', 'field', 'record',
  'entry', 'node', 'tree', 'path', 'file', 'url', 'host', 'port', 'invoice', 'customer', 'cart',
  'payment', 'webhook', 'profile', 'avatar', 'report', 'export', 'import', 'tenant', 'region',
];
const VERBS = [
  'get', 'set', 'load', 'save', 'parse', 'build', 'create', 'update', 'delete', 'find', 'handle',
  'resolve', 'validate', 'render', 'fetch', 'sync', 'flush', 'emit', 'apply', 'check', 'merge', 'format',
];
const PROSE = [
  'the', 'a', 'of', 'to', 'in', 'and', 'is', 'for', 'when', 'this', 'that', 'with', 'we', 'it', 'be',
  'on', 'not', 'only', 'once', 'each', 'before', 'after', 'because', 'returns', 'checks', 'keeps',
  'reads', 'writes', 'request', 'value', 'cache', 'user', 'order', 'retry', 'later', 'first', 'until',
  'should', 'never', 'always', 'may', 'must', 'empty', 'missing', 'invalid', 'expired', 'config',
];
const ENV_NAMES = ['DB_PASSWORD', 'API_TOKEN', 'SESSION_SECRET', 'REDIS_URL', 'STRIPE_KEY', 'SENTRY_DSN', 'JWT_SECRET', 'AWS_REGION', 'PORT', 'LOG_LEVEL'];
const DIGEST_NAMES = ['commit', 'etag', 'checksum', 'digest', 'revision', 'buildId'];

const cap = (word) => word[0].toUpperCase() + word.slice(1);
const camel = (rng, n) => {
  let out = rng.pick(NOUNS);
  for (let i = 1; i < n; i++) out += cap(rng.pick(NOUNS));
  return out;
};
const snake = (rng, n) => {
  let out = rng.pick(NOUNS);
  for (let i = 1; i < n; i++) out += `_${rng.pick(NOUNS)}`;
  return out;
};
const pascal = (rng, n) => cap(camel(rng, n));
const method = (rng) => rng.pick(VERBS) + pascal(rng, rng.int(1, 2));
const sentence = (rng, min, max) => {
  const n = rng.int(min, max);
  let out = cap(rng.pick(PROSE));
  for (let i = 1; i < n; i++) out += ` ${rng.pick(PROSE)}`;
  return out;
};
const indent = (rng, unit) => unit.repeat(rng.int(0, 3));
const relPath = (rng) => `${rng.pick(['.', '..', '../..'])}/${snake(rng, 1)}/${camel(rng, 2)}.js`;
const literal = (rng) => {
  switch (rng.int(0, 4)) {
    case 0: return String(rng.int(0, 100000));
    case 1: return `'${snake(rng, 2)}'`;
    case 2: return rng.chance(0.5) ? 'true' : 'false';
    case 3: return `'https://${snake(rng, 1)}.example.com/${snake(rng, 1)}/${rng.int(1, 99)}'`;
    default: return `${camel(rng, 2)}.${camel(rng, 1)}`;
  }
};

function jsLine(rng, ts) {
  const ind = indent(rng, '  ');
  switch (rng.int(0, 14)) {
    case 0: return `import { ${camel(rng, 2)}, ${camel(rng, 1)} } from '${relPath(rng)}';`;
    case 1: return `${ind}const ${camel(rng, 2)} = await ${camel(rng, 1)}.${method(rng)}(${camel(rng, 1)}, { timeout: ${rng.int(100, 30000)} });`;
    case 2: return `${ind}// ${sentence(rng, 4, 14)}.`;
    case 3: return ts
      ? `${ind}export function ${method(rng)}(${camel(rng, 1)}: ${pascal(rng, 1)}, ${camel(rng, 1)}?: number): Promise<${pascal(rng, 2)}> {`
      : `${ind}function ${method(rng)}(${camel(rng, 1)}, ${camel(rng, 1)}) {`;
    case 4: return `${ind}}`;
    case 5: return `${ind}if (${camel(rng, 2)} === '${snake(rng, 2)}') return ${camel(rng, 1)};`;
    case 6: return `${ind}throw new Error(\`${sentence(rng, 3, 8)}: \${${camel(rng, 1)}}\`);`;
    case 7: return `${ind}logger.${rng.pick(['info', 'debug', 'warn'])}('${sentence(rng, 3, 9)}', { ${camel(rng, 1)}, ${camel(rng, 2)} });`;
    case 8: return `${ind}${camel(rng, 2)}: ${literal(rng)},`;
    case 9: return `${ind}const ${camel(rng, 1)}Key = process.env.${rng.pick(ENV_NAMES)};`;
    case 10: return `${ind}const ${rng.pick(DIGEST_NAMES)}Sha = '${rng.chars(40, HEX)}';`;
    case 11: return `${ind}return ${camel(rng, 2)}.filter((x) => x.${camel(rng, 1)}).map((x) => x.${camel(rng, 2)});`;
    case 12: return ts
      ? `${ind}export interface ${pascal(rng, 2)} { ${camel(rng, 1)}: string; ${camel(rng, 2)}?: number; ${camel(rng, 1)}: boolean }`
      : `${ind}module.exports.${camel(rng, 2)} = ${camel(rng, 2)};`;
    case 13: return `${ind}for (const ${camel(rng, 1)} of ${camel(rng, 2)}) await ${camel(rng, 1)}.${method(rng)}(${camel(rng, 1)});`;
    default: return '';
  }
}

function pyLine(rng) {
  const ind = indent(rng, '    ');
  switch (rng.int(0, 11)) {
    case 0: return `from ${snake(rng, 1)}.${snake(rng, 1)} import ${pascal(rng, 2)}, ${snake(rng, 2)}`;
    case 1: return `${ind}def ${rng.pick(VERBS)}_${snake(rng, 2)}(self, ${snake(rng, 1)}, ${snake(rng, 1)}=None):`;
    case 2: return `${ind}# ${sentence(rng, 4, 14)}.`;
    case 3: return `${ind}${snake(rng, 2)} = self._${snake(rng, 1)}.get(${snake(rng, 1)}, ${literal(rng).replace(/'/g, '"')})`;
    case 4: return `${ind}if not ${snake(rng, 2)}:`;
    case 5: return `${ind}raise ValueError(f"${sentence(rng, 3, 8)}: {${snake(rng, 1)}}")`;
    case 6: return `${ind}logger.${rng.pick(['info', 'debug', 'warning'])}("${sentence(rng, 3, 9)} %s", ${snake(rng, 1)})`;
    case 7: return `${ind}${snake(rng, 1)}_key = os.environ.get("${rng.pick(ENV_NAMES)}")`;
    case 8: return `${ind}return [x.${snake(rng, 1)} for x in ${snake(rng, 2)} if x.${snake(rng, 1)}]`;
    case 9: return `class ${pascal(rng, 2)}(${pascal(rng, 1)}):`;
    case 10: return `${ind}"""${sentence(rng, 5, 16)}."""`;
    default: return '';
  }
}

function goLine(rng) {
  const ind = '\t'.repeat(rng.int(0, 3));
  switch (rng.int(0, 10)) {
    case 0: return `func (s *${pascal(rng, 1)}) ${cap(method(rng))}(ctx context.Context, ${camel(rng, 1)} string) (*${pascal(rng, 2)}, error) {`;
    case 1: return `${ind}if err != nil {\n${ind}\treturn nil, fmt.Errorf("${sentence(rng, 2, 6).toLowerCase()}: %w", err)\n${ind}}`;
    case 2: return `${ind}// ${sentence(rng, 4, 14)}.`;
    case 3: return `${ind}${camel(rng, 2)} := s.${camel(rng, 1)}.${cap(method(rng))}(ctx, ${camel(rng, 1)})`;
    case 4: return `${ind}}`;
    case 5: return `${ind}${pascal(rng, 2)} ${rng.pick(['string', 'int64', 'bool', '[]byte', 'time.Duration'])} \`json:"${snake(rng, 2)}"\``;
    case 6: return `${ind}${camel(rng, 1)}Key := os.Getenv("${rng.pick(ENV_NAMES)}")`;
    case 7: return `${ind}log.Printf("${sentence(rng, 3, 8)}: %v", ${camel(rng, 1)})`;
    case 8: return `type ${pascal(rng, 2)} struct {`;
    case 9: return `${ind}for _, ${camel(rng, 1)} := range ${camel(rng, 2)} {`;
    default: return '';
  }
}

function yamlLine(rng) {
  switch (rng.int(0, 7)) {
    case 0: return `- name: ${snake(rng, 2).replace(/_/g, '-')}\n  image: registry.example.com/${snake(rng, 1)}/${snake(rng, 1)}:${rng.int(0, 9)}.${rng.int(0, 30)}.${rng.int(0, 99)}`;
    case 1: return `  env:\n    - name: ${rng.pick(ENV_NAMES)}\n      valueFrom:\n        secretKeyRef: { name: ${snake(rng, 1)}, key: ${snake(rng, 1)} }`;
    case 2: return `# ${sentence(rng, 4, 12)}`;
    case 3: return `  ${snake(rng, 2)}: ${literal(rng)}`;
    case 4: return `  resources:\n    limits: { cpu: "${rng.int(1, 8) * 250}m", memory: "${rng.int(1, 16) * 128}Mi" }`;
    case 5: return `  replicas: ${rng.int(1, 12)}`;
    case 6: return `  run: npm run ${snake(rng, 1)} -- --${snake(rng, 1)}=${rng.int(1, 9)}`;
    default: return '';
  }
}

function markdownLine(rng) {
  switch (rng.int(0, 8)) {
    case 0: return `## ${sentence(rng, 2, 6)}`;
    case 1: case 2: case 3: return `${sentence(rng, 10, 40)}. ${sentence(rng, 6, 20)}.`;
    case 4: return `- ${sentence(rng, 3, 12)} (see [${snake(rng, 1)}](https://docs.example.com/${snake(rng, 2)}))`;
    case 5: return `\`\`\`js\n${jsLine(rng, false)}\n${jsLine(rng, false)}\n\`\`\``;
    case 6: return `| ${snake(rng, 1)} | ${rng.int(0, 999)} | ${sentence(rng, 2, 5)} | \`${rng.chars(7, HEX)}\` |`;
    default: return '';
  }
}

/** One entry of a package-lock-like file: integrity hashes are the high-entropy noise real repos carry. */
function jsonLine(rng) {
  if (rng.chance(0.5)) {
    const name = snake(rng, 2).replace(/_/g, '-');
    const version = `${rng.int(0, 9)}.${rng.int(0, 30)}.${rng.int(0, 40)}`;
    return `    "node_modules/${name}": {\n      "version": "${version}",\n      "resolved": "https://registry.npmjs.org/${name}/-/${name}-${version}.tgz",\n      "integrity": "sha512-${rng.chars(86, BASE64)}==",\n      "dev": ${rng.chance(0.5)}\n    },`;
  }
  return `    { "id": ${rng.int(1, 1e6)}, "${camel(rng, 1)}": "${sentence(rng, 1, 4)}", "${camel(rng, 2)}": ${rng.int(0, 9999)}, "tags": ["${snake(rng, 1)}", "${snake(rng, 1)}"], "uuid": "${rng.chars(8, HEX)}-${rng.chars(4, HEX)}-4${rng.chars(3, HEX)}-${rng.chars(4, HEX)}-${rng.chars(12, HEX)}" },`;
}

/** A chunk of minified JavaScript: no newlines, dense identifiers, strings and numbers. */
function minifiedChunk(rng) {
  const v = () => rng.chars(rng.int(1, 2), 'abcdefghijklmnopqrstuvwxyz$_');
  switch (rng.int(0, 5)) {
    case 0: return `function ${v()}(${v()},${v()}){return ${v()}.${camel(rng, 1)}(${v()})||"${sentence(rng, 1, 4)}"}`;
    case 1: return `var ${v()}=${v()}(${rng.int(0, 9999)}),${v()}=${v()}.${camel(rng, 2)};`;
    case 2: return `${v()}.prototype.${camel(rng, 1)}=function(${v()}){this.${camel(rng, 1)}=${v()};return this};`;
    case 3: return `if(${v()}===${rng.int(0, 255)})throw new Error("${sentence(rng, 2, 5)}");`;
    case 4: return `${v()}["${camel(rng, 2)}"]=${v()}?${v()}:${literal(rng).replace(/'/g, '"')};`;
    default: return `},${v()}=function(){`;
  }
}

/** A commit-message-like or prose sentence of `min` to `max` words, without a full stop. */
export const sentenceOf = sentence;

/** The kinds of text file the generators write, by extension-like name. */
export const TEXT_KINDS = ['js', 'ts', 'py', 'go', 'json', 'yaml', 'md', 'min.js'];

/** One line (or a few, for multi-line constructs) of text of `kind`. */
export function lineOf(kind, rng) {
  switch (kind) {
    case 'js': return jsLine(rng, false);
    case 'ts': return jsLine(rng, true);
    case 'py': return pyLine(rng);
    case 'go': return goLine(rng);
    case 'yaml': return yamlLine(rng);
    case 'md': return markdownLine(rng);
    case 'json': return jsonLine(rng);
    case 'min.js': return minifiedChunk(rng);
    default: throw new Error(`unknown text kind: ${kind}`);
  }
}

/**
 * Lines of `kind` adding up to at least `bytes` characters (ASCII, so characters = bytes).
 * Minified text becomes lines of ~`minifiedLineBytes` without newlines inside, as bundlers emit.
 */
export function linesOfSize(kind, rng, bytes, minifiedLineBytes = 64 * 1024) {
  const lines = [];
  let size = 0;
  if (kind === 'min.js') {
    while (size < bytes) {
      let line = '';
      const target = Math.min(minifiedLineBytes, bytes - size);
      while (line.length < target) line += minifiedChunk(rng);
      lines.push(line);
      size += line.length + 1;
    }
    return lines;
  }
  while (size < bytes) {
    const line = lineOf(kind, rng);
    lines.push(line);
    size += line.length + 1;
  }
  return lines;
}

/** Bytes that git and leakhound both treat as binary: an image header, then NULs and noise. */
export function binaryBytes(rng, bytes) {
  const data = Buffer.alloc(bytes);
  const header = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d];
  for (let i = 0; i < bytes; i++) data[i] = i < header.length ? header[i] : rng.chance(0.1) ? 0 : rng.int(0, 255);
  return data;
}
