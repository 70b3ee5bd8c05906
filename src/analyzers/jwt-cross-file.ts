// jwt.hardcoded-secret across files: a JWT key read from another module or config file
// (`jwt.sign(p, config.auth.signingKey)` with `signingKey: '...'` in config/auth.js, the
// `config` package's config/default.json, NestJS's `jwtConstants.secret`). Most real leaks look
// like that: the literal sits in a config module under a neutral name, and only its use as a
// JWT key makes it a JWT secret.
//
// Two halves, because a BlobAnalyzer sees one text at a time:
// 1. jwtCrossFileFacts (a FactExtractor, runs where the detector runs, workers included) records
//    per text the key uses (a key expression read through an import) and the literal exports
//    (string leaves with their property path), as Matches with internal `fact:` rule ids.
// 2. CrossFileJwtKeys (in the scan's thread) collects the facts of every blob with the paths the
//    blob was seen at and, after the walk, resolves each use's module among the seen paths and
//    reports the exported literal at its own line, naming the use site in `details.usedAt`.
// History scans resolve against every version of the target path seen anywhere in the walk, not
// only the use's own commit: an unchanged config folder is walked once, so the config file of
// the use's commit is often met in an earlier commit. Imprecise, but it finds the leak.
import type { Match, Provenance, Severity } from '../types.js';
import type { FactExtractor, WordHits } from './analyzer.js';
import { isClientPath } from './client-paths.js';
import { literalExports, mayExportLiterals } from './jwt-cross-file-exports.js';
import { configPackageCandidates, groupByDir, relativeCandidates } from './jwt-cross-file-resolve.js';
import { findImportedKeyUses, IMPORTED_KEY_WORDS, mayUseImportedKey } from './jwt-cross-file-uses.js';
import { algorithmLookup, isTemplateOrDoc, JWT_SECRET_FIND_WORDS, type HmacAlg } from './jwt-secret-find.js';
import { describeWeakness, gradeJwtSecret, isHmacAlg } from './jwt-secret-grade.js';
import { HARDCODED_SECRET, SECRET_IN_CLIENT, WEAK_SECRET } from './jwt-rules.js';
import { matchAt, positionLookup } from './text-span.js';

export const FACT_KEY_USE = 'fact:jwt-key-use';
export const FACT_LITERAL_EXPORT = 'fact:jwt-literal-export';

export const jwtCrossFileFacts: FactExtractor = {
  name: 'jwt-cross-file',
  feeds: [HARDCODED_SECRET.id, WEAK_SECRET.id, SECRET_IN_CLIENT.id],
  words: [...IMPORTED_KEY_WORDS, ...JWT_SECRET_FIND_WORDS],
  applies: (path, text, hits) => !isTemplateOrDoc(path) && (mayUseImportedKey(text, hits) || mayExportLiterals(path, text)),
  extract(text: string, path: string, hits?: WordHits): Match[] {
    if (isTemplateOrDoc(path)) return [];
    const out: Match[] = [];
    // a config module can export hundreds of values: find lines and algorithms once per text
    const position = positionLookup(text);
    const algorithmNear = algorithmLookup(text);
    for (const use of findImportedKeyUses(text, path, hits)) {
      const details = { specifier: use.specifier, property: use.property, usedAs: use.usedAs, ...(use.alg ? { alg: use.alg } : {}) };
      out.push(matchAt(text, { start: use.start, end: use.end, ruleId: FACT_KEY_USE, details }, position));
    }
    for (const leaf of literalExports(text, path)) {
      const alg = algorithmNear(leaf.start);
      const details = { property: leaf.property, ...(leaf.via !== 'literal' ? { via: leaf.via } : {}), ...(alg ? { alg } : {}) };
      out.push(matchAt(text, { start: leaf.start, end: leaf.end, ruleId: FACT_LITERAL_EXPORT, details }, position));
    }
    return out;
  },
};

interface BlobFacts {
  uses: Match[];
  exports: Match[];
  /** Where the blob was seen, in walk order (bounded). */
  seenAt: Provenance[];
}

/** A finding-to-be: a match in the defining file, at one place that file was seen. */
export interface CrossFileMatch {
  match: Match;
  provenance: Provenance;
  blobId: string;
}

/** Places kept per blob: enough for every commit that introduced it at a path, bounded for huge histories. */
const MAX_PLACES_PER_BLOB = 256;

function propertyOf(fact: Match): string[] {
  const p = fact.details?.['property'];
  return Array.isArray(p) ? p.map(String) : [];
}

function sameProperty(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The use's property path, with and without the ES `default` an import of a CommonJS/JSON module adds. */
function propertyVariants(property: string[]): string[][] {
  return property[0] === 'default' ? [property, property.slice(1)] : [property, ['default', ...property]];
}

function algOf(fact: Match): HmacAlg | undefined {
  const alg = fact.details?.['alg'];
  return typeof alg === 'string' && isHmacAlg(alg) ? alg : undefined;
}

export interface CrossFileOptions {
  enabledRules: ReadonlySet<string>;
  knownJwtSecrets: ReadonlySet<string>;
}

/** The scan-side half: facts of every blob, then the findings they add up to. One per scan. */
export class CrossFileJwtKeys {
  private readonly blobs = new Map<string, BlobFacts>();
  /** Path -> blobs with literal exports seen at that path. */
  private readonly exportsAt = new Map<string, Set<string>>();

  constructor(private readonly options: CrossFileOptions) {}

  /** Records a blob met in the walk; `facts` the first time it is scanned, none when it is met again. */
  observe(blobId: string, provenance: Provenance, facts?: readonly Match[]): void {
    let entry = this.blobs.get(blobId);
    if (!entry && facts && facts.length > 0) {
      entry = {
        uses: facts.filter((f) => f.ruleId === FACT_KEY_USE),
        exports: facts.filter((f) => f.ruleId === FACT_LITERAL_EXPORT),
        seenAt: [],
      };
      this.blobs.set(blobId, entry);
    }
    if (!entry || entry.seenAt.length >= MAX_PLACES_PER_BLOB) return;
    entry.seenAt.push(provenance);
    if (entry.exports.length > 0) {
      const at = this.exportsAt.get(provenance.path) ?? new Set<string>();
      at.add(blobId);
      this.exportsAt.set(provenance.path, at);
    }
  }

  /** After the walk: each exported literal some seen code uses as a JWT key, at each place it was seen. */
  resolve(): CrossFileMatch[] {
    if (!this.options.enabledRules.has(HARDCODED_SECRET.id) || this.exportsAt.size === 0) return [];
    const filesByDir = groupByDir(this.exportsAt.keys());
    const out: CrossFileMatch[] = [];
    for (const user of this.blobs.values()) {
      if (user.uses.length === 0) continue;
      // each path the using file was seen at, with its first (introducing) place
      const paths = new Map<string, Provenance>();
      for (const p of user.seenAt) if (!paths.has(p.path)) paths.set(p.path, p);
      for (const [usePath, useProvenance] of paths) {
        for (const use of user.uses) {
          const specifier = String(use.details?.['specifier'] ?? '');
          const candidates = specifier === 'config' ? configPackageCandidates(usePath, filesByDir) : relativeCandidates(usePath, specifier);
          const target = candidates.find((p) => this.exportsAt.has(p));
          // the config package merges every file of its folder: each can hold the key
          const targets = specifier === 'config' ? candidates : target ? [target] : [];
          for (const path of targets) out.push(...this.matchesAt(path, use, usePath, useProvenance));
        }
      }
    }
    return out;
  }

  private matchesAt(path: string, use: Match, usePath: string, useProvenance: Provenance): CrossFileMatch[] {
    const out: CrossFileMatch[] = [];
    const wanted = propertyVariants(propertyOf(use));
    for (const blobId of this.exportsAt.get(path) ?? []) {
      const entry = this.blobs.get(blobId)!;
      for (const leaf of entry.exports) {
        if (!wanted.some((w) => sameProperty(w, propertyOf(leaf)))) continue;
        const matches = this.findingsFor(leaf, use, path, `${usePath}:${use.line}`, useProvenance);
        for (const provenance of entry.seenAt) {
          if (provenance.path !== path) continue;
          for (const match of matches) out.push({ match, provenance, blobId });
        }
      }
    }
    return out;
  }

  /** The rules' matches for one exported literal used as a JWT key (like jwt-secret.ts does in one file). */
  private findingsFor(leaf: Match, use: Match, path: string, usedAt: string, useProvenance: Provenance): Match[] {
    const { enabledRules, knownJwtSecrets } = this.options;
    const alg = algOf(use) ?? algOf(leaf) ?? 'HS256';
    const via = leaf.details?.['via'];
    const details: Record<string, unknown> = {
      alg,
      usedAs: String(use.details?.['usedAs'] ?? ''),
      via: 'import',
      property: propertyOf(leaf).join('.'),
      usedAt,
      ...(useProvenance.kind === 'commit' ? { usedAtCommit: useProvenance.commit.sha } : {}),
      ...(via === 'fallback' || via === 'constant' ? { valueVia: via } : {}),
    };
    const base = {
      ruleId: HARDCODED_SECRET.id,
      secret: leaf.secret,
      line: leaf.line,
      column: leaf.column,
      endLine: leaf.endLine,
      endColumn: leaf.endColumn,
      ...(leaf.snippet !== undefined ? { snippet: leaf.snippet } : {}),
      ...(leaf.allow ? { allow: leaf.allow } : {}),
    };
    const out: Match[] = [{ ...base, details }];
    const grade = gradeJwtSecret(leaf.secret, alg, knownJwtSecrets);
    if (enabledRules.has(WEAK_SECRET.id) && grade.reasons.length > 0) {
      const severity: Severity | undefined = grade.reasons.includes('known-default') ? 'critical' : undefined;
      out.push({
        ...base,
        ruleId: WEAK_SECRET.id,
        details: { ...details, reasons: grade.reasons, bytes: grade.bytes, requiredBytes: grade.requiredBytes, why: describeWeakness(grade) },
        ...(severity ? { severity } : {}),
      });
    }
    if (enabledRules.has(SECRET_IN_CLIENT.id) && isClientPath(path)) out.push({ ...base, ruleId: SECRET_IN_CLIENT.id, details });
    return out;
  }
}
