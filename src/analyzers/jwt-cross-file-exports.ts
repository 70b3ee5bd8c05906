// Cross-file JWT keys, the defining side: the string literals a module exports, each with its
// property path (`module.exports = { auth: { signingKey: '...' } }` -> auth.signingKey), and the
// string leaves of JSON/YAML config files. Pure. Only what could later be found used as a key
// is kept: every leaf of config-like files, and in other modules the leaves named like a key
// (secret, key, token, signing, ...), so an i18n table does not fill memory.
import { isMap, isScalar, parseDocument, type Node } from 'yaml';
import { jsonStringLeaves } from './json-leaves.js';
import { expressionEnd, lazyLiteralBindings, literalOfExpression, readStringLiteral, type BindingLookup, type LiteralSpan } from './js-expr.js';
import { isReferenceOrTemplate } from './jwt-secret-find.js';
import { inComment } from './text-span.js';

export interface ExportedLiteral extends LiteralSpan {
  /** Property path in the module's exports (ES `export default` under `default`). */
  property: string[];
}

/** Config modules are small; bigger files are data or bundles, not worth parsing for this. */
export const MAX_EXPORTING_FILE_BYTES = 256 * 1024;
const MAX_LEAVES = 512;
const MAX_DEPTH = 8;
const MAX_VALUE = 512;

const CODE = /\.(?:[cm]?[jt]sx?)$/i;
const DATA = /\.(?:json|ya?ml)$/i;
const CONFIG_DIR = /(?:^|\/)(?:config|configs|conf|settings|secrets|env|envs|environments)\//i;
const CONFIG_NAME = /(?:^|[._-])(?:config|configuration|settings|secrets?|keys?|constants?|credentials|env|environment|auth|jwt|default|development|production|staging|test|local)(?:[._-]|$)/i;
/** Property names of values that are keys, whatever the file. */
const KEYISH_NAME = /secret|key|token|pass|sign|hmac|salt|private|cred|auth|jwt/i;

/** A file that holds settings: under a config folder, or named like config/settings/constants/... */
export function isConfigLikePath(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');
  return CONFIG_DIR.test(path) || CONFIG_NAME.test(base);
}

/**
 * Whether literalExports() can find anything in a file at this path. Only files that hold
 * settings (isConfigLikePath: `config/`, `constants.ts`, `keys.js`, ...): reading the exports of
 * every module of a code base cost a third of a scan, for keys that live in config modules.
 */
export function mayExportLiterals(path: string, text: string): boolean {
  if (text.length > MAX_EXPORTING_FILE_BYTES || !isConfigLikePath(path)) return false;
  return DATA.test(path) || (CODE.test(path) && text.includes('export'));
}

/**
 * A leaf under a key-like name anywhere on its path (`jwt.value`, `auth.current`).
 * Not every leaf: a config folder of settings would otherwise send thousands of values (ports,
 * hosts, labels) from every blob to the resolution step, for keys that are almost never there.
 */
function keyishPath(property: readonly string[]): boolean {
  return property.some((name) => KEYISH_NAME.test(name));
}

function plausibleValue(value: string): boolean {
  return value.length <= MAX_VALUE && !isReferenceOrTemplate(value) && !/^\w+:\/\//.test(value);
}

/** The string leaves a module or config file exports, in text order. */
export function literalExports(text: string, path: string): ExportedLiteral[] {
  if (!mayExportLiterals(path, text) || !KEYISH_NAME.test(text)) return [];
  const wanted: Wanted = keyishPath;
  const all = DATA.test(path) ? dataLeaves(text, path) : codeExports(text, wanted);
  const kept = all.filter((leaf) => plausibleValue(leaf.value) && wanted(leaf.property));
  return kept.slice(0, MAX_LEAVES).sort((a, b) => a.start - b.start);
}

// ---- JSON and YAML: each string leaf with its offsets.

function dataLeaves(text: string, path: string): ExportedLiteral[] {
  return /\.json$/i.test(path) ? jsonLeaves(text) : yamlLeaves(text);
}

/**
 * JSON through the linear leaf reader, not the YAML parser: that one builds an error object
 * (with a stack) for every JSON-only construct it trips over and was most of a scan's time on
 * a tree with a few hundred config JSON files. Leaves inside arrays are not exports.
 */
function jsonLeaves(text: string): ExportedLiteral[] {
  const out: ExportedLiteral[] = [];
  // The reader's own cap counts leaves inside arrays too, which are skipped here: a few times MAX_LEAVES.
  for (const leaf of jsonStringLeaves(text, { maxDepth: MAX_DEPTH, maxLeaves: 8 * MAX_LEAVES }) ?? []) {
    if (out.length >= MAX_LEAVES) break;
    if (leaf.path.some((step) => typeof step === 'number')) continue;
    // escapes make the written text differ from the value: report only what is written as is
    if (text.slice(leaf.start, leaf.end) !== leaf.value) continue;
    out.push({ start: leaf.start, end: leaf.end, value: leaf.value, via: 'literal', property: leaf.path.map(String) });
  }
  return out;
}

/**
 * A YAML document, errors and all, at the price of a valid one. A malformed file (a Helm
 * template, a hand-edited manifest) makes the parser build an error per bad line, and each error
 * captured a stack and formatted a code excerpt: most of a scan's time on a tree of such files.
 * The errors are only counted here, so they are made without either.
 */
function parseYamlQuietly(text: string): ReturnType<typeof parseDocument> {
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

/** YAML: the yaml parser gives each scalar's offsets. */
function yamlLeaves(text: string): ExportedLiteral[] {
  let doc;
  try {
    doc = parseYamlQuietly(text);
  } catch {
    return [];
  }
  if (doc.errors.length > 0) return [];
  const out: ExportedLiteral[] = [];
  const visit = (node: Node | null | undefined, property: string[]) => {
    if (out.length >= MAX_LEAVES || property.length > MAX_DEPTH) return;
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : undefined;
        if (typeof key === 'string' || typeof key === 'number') visit(pair.value as Node | null, [...property, String(key)]);
      }
      return;
    }
    if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return;
    const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
    if (!quoted && node.type !== 'PLAIN') return;
    const start = node.range[0] + (quoted ? 1 : 0);
    const end = node.range[1] - (quoted ? 1 : 0);
    // escapes make the written text differ from the value: report only what is written as is
    if (text.slice(start, end) === node.value) out.push({ start, end, value: node.value, via: 'literal', property });
  };
  visit(doc.contents as Node | null, []);
  return out;
}

// ---- JavaScript / TypeScript modules.

const IDENT = '[A-Za-z_$][\\w$]*';
const TYPE_ANNOTATION = '(?:\\s*:\\s*[\\w<>[\\]|.,\\s]{1,80}?)?';
/**
 * Export statements, tried (sticky) only where the word `export` occurs: indexOf finds those
 * far faster than a global regex scans a text. `prefix`: the property the statement exports
 * (none: the whole module). `before`: how many characters before `export` the statement starts.
 */
const EXPORT_SITES: readonly { pattern: RegExp; before: number; prefix: (m: RegExpExecArray) => string[] }[] = [
  { pattern: /module\.exports\s*=(?!=)\s*/y, before: 'module.'.length, prefix: () => [] },
  { pattern: new RegExp(`module\\.exports\\.(${IDENT})\\s*=(?!=)\\s*`, 'y'), before: 'module.'.length, prefix: (m) => [m[1]!] },
  { pattern: new RegExp(`(?<![\\w$.])exports\\.(${IDENT})\\s*=(?!=)\\s*`, 'y'), before: 0, prefix: (m) => [m[1]!] },
  { pattern: /(?<![\w$.])export\s*=(?!=)\s*/y, before: 0, prefix: () => [] },
  { pattern: /(?<![\w$.])export\s+default\s+/y, before: 0, prefix: () => ['default'] },
  { pattern: new RegExp(`(?<![\\w$.])export\\s+(?:const|let|var)\\s+(${IDENT})${TYPE_ANNOTATION}\\s*=(?!=)\\s*`, 'y'), before: 0, prefix: (m) => [m[1]!] },
];
const EXPORT_LIST = /(?<![\w$.])export\s*\{([^{}]*)\}(?!\s*from)/y;
const LIST_ENTRY = new RegExp(`^(${IDENT})(?:\\s+as\\s+(${IDENT}))?$`);
/** Words that follow `export default` or end an identifier scan but never name a value. */
const NOT_A_VALUE = /^(?:function|class|async|await|new|typeof|interface|type|enum|abstract|declare|namespace|process|import|Buffer|require)$/;

/** Which leaves are worth extracting: everything in config-like files, keyish names elsewhere. */
type Wanted = (property: readonly string[]) => boolean;

/** What a module's names are bound to, each computed on first use (most modules need neither). */
interface ModuleBindings {
  constants: BindingLookup;
  /** Offset of the `{` of `const NAME = {`. */
  objects: Pick<ReadonlyMap<string, number>, 'get'>;
}

const OBJECT_BINDING = new RegExp(`\\b(?:const|let|var)\\s+(${IDENT})${TYPE_ANNOTATION}\\s*=(?!=)\\s*\\{`, 'g');

function moduleBindings(text: string): ModuleBindings {
  let objects: Map<string, number> | undefined;
  const objectsOf = () => {
    objects = new Map();
    for (const m of text.matchAll(OBJECT_BINDING)) if (!objects.has(m[1]!)) objects.set(m[1]!, m.index + m[0].length - 1);
    return objects;
  };
  return { constants: lazyLiteralBindings(text), objects: { get: (name) => (objects ?? objectsOf()).get(name) } };
}

function codeExports(text: string, wanted: Wanted): ExportedLiteral[] {
  const bindings = moduleBindings(text);
  const constants = bindings.constants;
  const out: ExportedLiteral[] = [];
  for (let at = text.indexOf('export'); at !== -1; at = text.indexOf('export', at + 6)) {
    for (const site of EXPORT_SITES) {
      if (at < site.before) continue;
      site.pattern.lastIndex = at - site.before;
      const m = site.pattern.exec(text);
      if (!m || inComment(text, m.index)) continue;
      exportedValue(text, m.index + m[0].length, site.prefix(m), bindings, out, wanted);
      break;
    }
    EXPORT_LIST.lastIndex = at;
    const list = EXPORT_LIST.exec(text);
    if (list && !inComment(text, at)) {
      for (const raw of list[1]!.split(',')) {
        const entry = LIST_ENTRY.exec(raw.trim());
        if (entry) exportedIdentifier(text, entry[1]!, [entry[2] ?? entry[1]!], bindings, out, wanted);
      }
    }
  }
  // the same literal can be reached twice (`export const x = {...}` and `export { x }`)
  const unique = new Map(out.map((leaf) => [`${leaf.start}\0${leaf.property.join('.')}`, leaf]));
  return [...unique.values()];
}

/** The value exported at `at`: an object literal, a literal (or env fallback), or a name bound to either. */
function exportedValue(text: string, at: number, prefix: string[], bindings: ModuleBindings, out: ExportedLiteral[], wanted: Wanted): void {
  const { constants } = bindings;
  const ch = text[at];
  if (ch === '{') {
    objectLeaves(text, at, prefix, constants, out, 0, wanted);
    return;
  }
  const name = new RegExp(`^${IDENT}`).exec(text.slice(at, at + 100))?.[0];
  if (name && !NOT_A_VALUE.test(name) && /^\s*(?:;|\n|$)/.test(text.slice(at + name.length, at + name.length + 4))) {
    exportedIdentifier(text, name, prefix, bindings, out, wanted);
    return;
  }
  if (!wanted(prefix)) return;
  if (ch === "'" || ch === '"' || ch === '`' || text.startsWith('process.env', at) || text.startsWith('import.meta.env', at)) {
    const literal = literalOfExpression(text, at, expressionEnd(text, at), constants);
    if (literal) out.push({ ...literal, property: prefix });
  }
}

/** A name exported by reference: `const settings = {...}; module.exports = settings`. */
function exportedIdentifier(text: string, name: string, prefix: string[], bindings: ModuleBindings, out: ExportedLiteral[], wanted: Wanted): void {
  const open = bindings.objects.get(name);
  if (open !== undefined) {
    objectLeaves(text, open, prefix, bindings.constants, out, 0, wanted);
    return;
  }
  if (!wanted(prefix)) return;
  const literal = bindings.constants.get(name);
  if (literal) out.push({ ...literal, via: 'constant', property: prefix });
}

function skipTrivia(text: string, at: number): number {
  let i = at;
  for (;;) {
    while (i < text.length && /[\s,]/.test(text[i]!)) i++;
    if (text.startsWith('//', i)) {
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? text.length : nl;
    } else if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      i = close === -1 ? text.length : close + 2;
    } else return i;
  }
}

/** Where a property value ends; -1 when it runs past the reader's bound (give the object up). */
function valueEnd(text: string, at: number): number {
  const end = expressionEnd(text, at);
  return end < text.length && !/[,;\n)\]}]/.test(text[end]!) ? -1 : end;
}

const KEY = new RegExp(`^(?:(${IDENT})|(\\d+))`);

/**
 * The string leaves of the object literal whose `{` is at `open`; returns the index after its `}`
 * (or -1 when it does not recognise the object's shape: nothing more is read from it).
 */
function objectLeaves(
  text: string,
  open: number,
  prefix: string[],
  constants: BindingLookup,
  out: ExportedLiteral[],
  depth: number,
  wanted: Wanted,
): number {
  if (depth > MAX_DEPTH) return -1;
  let i = open + 1;
  while (i < text.length && out.length < MAX_LEAVES * 4) {
    i = skipTrivia(text, i);
    const ch = text[i];
    if (ch === undefined) return -1;
    if (ch === '}') return i + 1;
    let key: string | null = null;
    if (ch === '"' || ch === "'") {
      const quoted = readStringLiteral(text, i);
      if (!quoted) return -1;
      key = quoted.value;
      i = quoted.end + 1;
    } else if (ch === '[' || text.startsWith('...', i)) {
      // computed keys and spreads: skip the entry
      const end = valueEnd(text, i);
      if (end === -1) return -1;
      i = end;
      continue;
    } else {
      const m = KEY.exec(text.slice(i, i + 200));
      if (!m) return -1;
      key = m[0];
      i += m[0].length;
    }
    while (i < text.length && /[ \t]/.test(text[i]!)) i++;
    const property = [...prefix, key];
    if (text[i] === ':') {
      i = skipTrivia(text, i + 1);
      if (text[i] === '{') {
        i = objectLeaves(text, i, property, constants, out, depth + 1, wanted);
        if (i === -1) return -1;
        continue;
      }
      const end = valueEnd(text, i);
      if (end === -1) return -1;
      const literal = wanted(property) ? literalOfExpression(text, i, end, constants) : null;
      if (literal) out.push({ ...literal, property });
      i = end;
    } else if (text[i] === ',' || text[i] === '}' || text[i] === '\n' || text[i] === '\r') {
      // shorthand `{ signingKey }`: a same-file constant
      const literal = wanted(property) ? constants.get(key) : undefined;
      if (literal) out.push({ ...literal, via: 'constant', property });
    } else {
      // a method or getter: skip its body
      const end = valueEnd(text, i);
      if (end === -1) return -1;
      i = end;
    }
  }
  return -1;
}
