// Key stores and key files by name (patterns/key-files.yaml path rules), and the structure-aware
// analyzers for Terraform state and credentials.json. End to end: real git repositories, the
// built CLI. Binary key stores are built here from deterministic bytes (never a real key).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileStructures } from '../src/detect/key-file-structure.js';
import { loadRuleSet } from '../src/rules/load.js';
import { ScanState } from '../src/scan-state.js';
import { REPO_ROOT, runCli, tempDir } from './helpers/cli.js';
import { useTempDirs } from './helpers/git-repo.js';
import type { JsonFinding, JsonReport } from '../src/report/json.js';

const temp = useTempDirs();

function scanJson(dir: string, args: string[] = []): { code: number; report: JsonReport } {
  const run = runCli(['scan', dir, '--format', 'json', ...args]);
  expect(run.stderr).not.toMatch(/error/i);
  return { code: run.code, report: JSON.parse(run.stdout) as JsonReport };
}

const ruleAndPath = (report: JsonReport): string[] => report.findings.map((f) => `${f.ruleId} ${f.path}`).sort();
const keyFileFindings = (report: JsonReport): JsonFinding[] => report.findings.filter((f) => f.ruleId.startsWith('keyfile.'));

// ---- deterministic bytes ---------------------------------------------------------------------

/** `n` pseudo-random bytes from a seed (sha256 in counter mode): stable across runs. */
function bytes(seed: string, n: number): Buffer {
  const out: Buffer[] = [];
  for (let i = 0; out.length * 32 < n; i++) out.push(createHash('sha256').update(`${seed}:${i}`).digest());
  return Buffer.concat(out).subarray(0, n);
}

function der(tag: number, body: Buffer): Buffer {
  const len = body.length;
  const header = len < 0x80 ? [tag, len] : len < 0x100 ? [tag, 0x81, len] : [tag, 0x82, len >> 8, len & 0xff];
  return Buffer.concat([Buffer.from(header), body]);
}

const OID_DATA = Buffer.from('06092a864886f70d010701', 'hex');
const OID_ENCRYPTED_DATA = Buffer.from('06092a864886f70d010706', 'hex');
const bagOid = (type: number) => Buffer.from(`060b2a864886f70d010c0a01${type.toString(16).padStart(2, '0')}`, 'hex');

/** A PKCS#12 shape: PFX { version 3, authSafe data { bags } }, with a key bag or certificates only. */
function pkcs12(seed: string, holds: 'key' | 'certificates'): Buffer {
  const bags =
    holds === 'key'
      ? Buffer.concat([der(0x30, Buffer.concat([bagOid(2), der(0xa0, bytes(`${seed}-key`, 300))])), OID_ENCRYPTED_DATA, bytes(`${seed}-c`, 200)])
      : Buffer.concat([OID_ENCRYPTED_DATA, der(0x30, Buffer.concat([bagOid(3), der(0xa0, bytes(`${seed}-cert`, 300))]))]);
  const authSafe = der(0x30, Buffer.concat([OID_DATA, der(0xa0, der(0x04, Buffer.concat([Buffer.from([0x00]), bags])))]));
  return der(0x30, Buffer.concat([der(0x02, Buffer.from([3])), authSafe]));
}

const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
const u32 = (n: number) => Buffer.from([(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);

/** A JKS (v2) with one entry: a private key, or a trusted certificate only (a trust store). */
function jks(seed: string, entry: 'private-key' | 'trusted-cert'): Buffer {
  const alias = Buffer.from('app');
  const head = Buffer.concat([u32(0xfeedfeed), u32(2), u32(1)]);
  const common = Buffer.concat([u16(alias.length), alias, Buffer.alloc(8)]);
  const cert = bytes(`${seed}-cert`, 400);
  const body =
    entry === 'private-key'
      ? Buffer.concat([u32(1), common, u32(300), bytes(`${seed}-key`, 300), u32(1), u16(5), Buffer.from('X.509'), u32(cert.length), cert])
      : Buffer.concat([u32(2), common, u16(5), Buffer.from('X.509'), u32(cert.length), cert]);
  return Buffer.concat([head, body, bytes(`${seed}-digest`, 20)]);
}

const keepass = (seed: string) => Buffer.concat([Buffer.from('03d9a29a67fb4bb5', 'hex'), u32(0x00040000), bytes(seed, 600)]);
const pgpSecretKey = (seed: string) => Buffer.concat([Buffer.from([0x95, 0x01, 0xd8, 0x04]), bytes(seed, 0x1d8 - 1)]);
const keychain = (seed: string) => Buffer.concat([Buffer.from('kych'), u32(0x00010000), bytes(seed, 500)]);

/** A PEM-armoured OpenSSH key body of base64 lines (70 chars, as ssh-keygen writes). */
function opensshArmor(seed: string, complete: boolean): string {
  const body = bytes(seed, 260).toString('base64').match(/.{1,70}/g)!.join('\n');
  const begin = ['-----BEGIN', 'OPENSSH', 'PRIVATE', 'KEY-----'].join(' ');
  const end = ['-----END', 'OPENSSH', 'PRIVATE', 'KEY-----'].join(' ');
  return complete ? `${begin}\n${body}\n${end}\n` : `${begin}\n${body}\n`; // truncated: no END line
}

function encryptedPpk(seed: string, comment = 'deploy@build-01'): string {
  const b64 = (s: string, n: number) => bytes(s, n).toString('base64').match(/.{1,64}/g)!;
  const pub = b64(`${seed}-pub`, 51);
  const priv = b64(`${seed}-priv`, 48);
  return [
    ['PuTTY', 'User', 'Key', 'File-3: ssh-ed25519'].join('-'),
    'Encryption: aes256-cbc',
    `Comment: ${comment}`,
    `Public-Lines: ${pub.length}`,
    ...pub,
    'Key-Derivation: Argon2id',
    `Private-Lines: ${priv.length}`,
    ...priv,
    `Private-MAC: ${bytes(`${seed}-mac`, 32).toString('hex')}`,
    '',
  ].join('\n');
}

const LFS_POINTER = `version https://git-lfs.github.com/spec/v1\noid sha256:${bytes('lfs', 32).toString('hex')}\nsize 4096\n`;
const SSH_PUBLIC = `ssh-ed25519 ${bytes('pub', 51).toString('base64')} dev@laptop\n`;

/** git's blob id of some bytes (what the finding's secret is). */
const blobId = (data: Buffer | string) => {
  const buf = Buffer.from(data);
  return createHash('sha1').update(`blob ${buf.length}\0`).update(buf).digest('hex');
};
const findingIdOf = (ruleId: string, secret: string) => createHash('sha256').update(`${ruleId}\0${secret}`).digest('hex');

function writeFiles(dir: string, files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) {
    const file = join(dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}

// ---- tests -----------------------------------------------------------------------------------

describe('key files by name (worktree)', () => {
  it('reports each kind of key store by name and structure, and not its look-alikes', () => {
    const dir = tempDir();
    try {
      writeFiles(dir.path, {
        // positives
        'deploy/id_rsa': opensshArmor('truncated', false),
        'certs/signing.p12': pkcs12('signing', 'key'),
        'certs/Legacy.PFX': pkcs12('legacy', 'key'),
        'android/app/release.keystore': jks('release', 'private-key'),
        'server/tls.jks': pkcs12('tls-in-jks', 'key'),
        'keys/admin.ppk': encryptedPpk('admin'),
        'ops/passwords.kdbx': keepass('vault'),
        'release/signing-key.gpg': pgpSecretKey('gpg'),
        'ci/build.keychain-db': keychain('ci'),
        // negatives
        'deploy/id_rsa.pub': SSH_PUBLIC,
        'docs/id_ed25519': 'Put your private key here (see docs/ssh.md).\n',
        'certs/trust.p12': pkcs12('trust', 'certificates'),
        'server/truststore.jks': jks('trust', 'trusted-cert'),
        'android/app/debug.keystore': jks('debug', 'private-key'),
        'ops/archive.kdbx': LFS_POINTER,
        'certs/empty.pfx': '',
        'release/notes.gpg': Buffer.concat([Buffer.from([0x85, 0x01, 0x0c, 0x03]), bytes('msg', 268)]),
        'keys/readme.ppk.txt': encryptedPpk('doc'),
      });
      const { code, report } = scanJson(dir.path);
      expect(code).toBe(1);
      expect(ruleAndPath(report)).toEqual(
        [
          'keyfile.ssh-private-key deploy/id_rsa',
          'keyfile.pkcs12 certs/signing.p12',
          'keyfile.pkcs12 certs/Legacy.PFX',
          'keyfile.java-keystore android/app/release.keystore',
          'keyfile.java-keystore server/tls.jks',
          'keyfile.putty keys/admin.ppk',
          'keyfile.keepass ops/passwords.kdbx',
          'keyfile.pgp-secret-key release/signing-key.gpg',
          'keyfile.macos-keychain ci/build.keychain-db',
        ].sort(),
      );
      for (const f of report.findings) {
        expect(f.line).toBe(1);
        expect(f.occurrences[0]!.column).toBe(1);
        // the secret is the (redacted) blob id: never any byte of the key
        expect(blobId(readFileSync(join(dir.path, f.path)))).toMatch(new RegExp(`^${f.secret.replace('…', '')}`));
        expect(f.id).toBe(findingIdOf(f.ruleId, blobId(readFileSync(join(dir.path, f.path)))));
      }
    } finally {
      dir.cleanup();
    }
  });

  it('reports a binary .p12 although binary files are skipped by content detection', () => {
    const dir = tempDir();
    try {
      writeFiles(dir.path, { 'ios/push.p12': pkcs12('push', 'key') });
      const { report } = scanJson(dir.path);
      expect(report.summary.skippedCounts.binary).toBe(1);
      expect(report.findings.map((f) => [f.ruleId, f.path, f.details])).toEqual([['keyfile.pkcs12', 'ios/push.p12', { keyFile: { structure: 'pkcs12' } }]]);
    } finally {
      dir.cleanup();
    }
  });

  it('does not report a key file twice: a complete id_rsa is a private-key finding only', () => {
    const dir = tempDir();
    try {
      writeFiles(dir.path, { '.ssh/id_ed25519': opensshArmor('complete', true), '.ssh/id_ed25519.pub': SSH_PUBLIC });
      const { report } = scanJson(dir.path);
      expect(ruleAndPath(report)).toEqual(['private-key.openssh .ssh/id_ed25519']);
    } finally {
      dir.cleanup();
    }
  });

  it('another content match in a key file (a generic one) does not stand for the key file: both are reported', () => {
    const dir = tempDir();
    try {
      // Built at run time: the comment carries a generic `api_key=` assignment.
      const comment = `deploy@build-01 api_key=${bytes('comment-key', 18).toString('base64url')}`;
      writeFiles(dir.path, { 'keys/admin.ppk': encryptedPpk('with-comment', comment) });
      const { code, report } = scanJson(dir.path);
      expect(code).toBe(1);
      expect(ruleAndPath(report)).toEqual(['generic.secret keys/admin.ppk', 'keyfile.putty keys/admin.ppk']);
    } finally {
      dir.cleanup();
    }
  });

  it('one key file at two paths is one finding with two occurrences', () => {
    const dir = tempDir();
    try {
      const p12 = pkcs12('shared', 'key');
      writeFiles(dir.path, { 'a/server.p12': p12, 'b/server-copy.pfx': p12 });
      const { report } = scanJson(dir.path);
      expect(report.findings).toHaveLength(1);
      expect(report.findings[0]!.occurrences.map((o) => o.path).sort()).toEqual(['a/server.p12', 'b/server-copy.pfx']);
    } finally {
      dir.cleanup();
    }
  });

  it('reports a key file over the size cap by name, keyed by its content', () => {
    const dir = tempDir();
    try {
      const p12 = pkcs12('large', 'key');
      writeFiles(dir.path, { 'big/server.p12': p12, 'big/notes.txt': 'x'.repeat(2000) });
      const { report } = scanJson(dir.path, ['--max-file-size', '100']);
      expect(report.summary.skipped.map((s) => `${s.reason} ${s.path}`).sort()).toEqual(['too-large big/notes.txt', 'too-large big/server.p12']);
      expect(report.findings.map((f) => [f.ruleId, f.path, f.id])).toEqual([['keyfile.pkcs12', 'big/server.p12', findingIdOf('keyfile.pkcs12', blobId(p12))]]);
      expect(report.findings[0]!.details).toEqual({ keyFile: { structure: null, note: 'over the size cap: reported by name, content not read' } });
    } finally {
      dir.cleanup();
    }
  });

  it('tags a key store under a test folder as test-path (still reported)', () => {
    const dir = tempDir();
    try {
      writeFiles(dir.path, { 'src/test/resources/client.jks': jks('fixture', 'private-key') });
      const { report } = scanJson(dir.path);
      expect(report.findings.map((f) => [f.ruleId, f.tags.includes('test-path')])).toEqual([['keyfile.java-keystore', true]]);
    } finally {
      dir.cleanup();
    }
  });
});

describe('key files by name (git modes)', () => {
  it('--history finds a key file that exists only in an old commit, with that commit', () => {
    const repo = temp.repo();
    repo.write('README.md', '# app\n').commit('init');
    repo.write('certs/prod.pfx', pkcs12('old', 'key')).commit('add cert');
    const introducing = repo.head();
    repo.rm('certs/prod.pfx').commit('remove cert');
    const { code, report } = scanJson(repo.dir, ['--history']);
    expect(code).toBe(1);
    expect(report.findings.map((f) => [f.ruleId, f.path, f.commit, f.status])).toEqual([['keyfile.pkcs12', 'certs/prod.pfx', introducing, 'history-only']]);
  });

  it('--history: a key file committed at two paths, then renamed, is one finding with every path', () => {
    const repo = temp.repo();
    const store = jks('moved', 'private-key');
    repo.write('a/app.jks', store).write('b/app.keystore', store).commit('two copies');
    repo.mv('a/app.jks', 'a/renamed.jks').commit('rename');
    repo.write('backup/app.bin', store).commit('a copy that is not named like a key store');
    const { report } = scanJson(repo.dir, ['--history', '--no-worktree']);
    expect(report.findings).toHaveLength(1);
    const finding = report.findings[0]!;
    expect(finding.id).toBe(findingIdOf('keyfile.java-keystore', blobId(store)));
    expect([...new Set(finding.occurrences.map((o) => o.path))].sort()).toEqual(['a/app.jks', 'a/renamed.jks', 'b/app.keystore']);
    expect(finding.occurrences.every((o) => o.commit !== null)).toBe(true);
  });

  it('--history: bytes first met under another name are still reported where they are named like a key store', () => {
    const repo = temp.repo();
    const p12 = pkcs12('renamed', 'key');
    repo.write('export/cert.bin', p12).commit('an export');
    repo.mv('export/cert.bin', 'export/cert.p12').commit('give it its extension');
    const { report } = scanJson(repo.dir, ['--history']);
    expect(report.findings.map((f) => [f.ruleId, f.occurrences.map((o) => o.path)])).toEqual([['keyfile.pkcs12', ['export/cert.p12', 'export/cert.p12']]]);
  });

  it('--since: a key file added in the range is new; one from before the range is not', () => {
    const repo = temp.repo();
    repo.write('old/legacy.p12', pkcs12('before', 'key')).commit('before the range');
    const base = repo.head();
    repo.write('src/app.ts', 'export {};\n').commit('unrelated');
    repo.write('keys/admin.ppk', encryptedPpk('in-range')).commit('add a key');
    const { code, report } = scanJson(repo.dir, ['--since', base]);
    expect(code).toBe(1);
    expect(ruleAndPath(report)).toEqual(['keyfile.putty keys/admin.ppk']);
  });

  it('--staged: a staged key store is reported before it is committed', () => {
    const repo = temp.repo();
    repo.write('README.md', '# app\n').commit('init');
    repo.write('ops/team.kdbx', keepass('staged'));
    const { code, report } = scanJson(repo.dir, ['--staged']);
    expect(code).toBe(1);
    expect(ruleAndPath(report)).toEqual(['keyfile.keepass ops/team.kdbx']);
  });
});

describe('key files by name (scan state)', () => {
  // No source yields `seen` after `too-large` for one blob today (a blob over the cap is never
  // marked seen), so ScanState is fed that order directly: real rules, a real (in-thread) pool.
  it('bytes first met over the size cap and later seen at another key-file path are reported there by name too', async () => {
    const { rules, pathRules } = loadRuleSet();
    const state = new ScanState([...rules, ...pathRules], { rules, enabledAnalyzerRules: [] }, { workers: 0, inThreadBudget: false }, pathRules);
    try {
      const p12 = pkcs12('capped', 'key');
      const id = blobId(p12);
      const provenance = (path: string) => ({ kind: 'worktree', path }) as const;
      const items = [
        { kind: 'skipped', provenance: provenance('a/server.p12'), reason: 'too-large', size: p12.length, blobId: id },
        { kind: 'seen', provenance: provenance('b/server-copy.pfx'), blobId: id },
        { kind: 'seen', provenance: provenance('b/notes.bin'), blobId: id },
      ] as const;
      for (const item of items) await (await state.prepare(item, () => false))(null);
      const findings = state.collector.findingsList();
      expect(findings.map((f) => [f.ruleId, f.secret, f.occurrences.map((o) => o.path)])).toEqual([['keyfile.pkcs12', id, ['a/server.p12', 'b/server-copy.pfx']]]);
    } finally {
      await state.close();
    }
  });
});

describe('terraform state and credentials.json', () => {
  const fixture = (name: string) => readFileSync(join(REPO_ROOT, 'fixtures/key-files', name), 'utf8');
  const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

  it('reports each secret a state file holds, on its own line; a state without secrets is clean', () => {
    const repo = temp.repo();
    const state = fixture('terraform.tfstate');
    repo.write('infra/terraform.tfstate', state).write('infra/terraform.tfstate.backup', fixture('clean.tfstate')).commit('state');
    const { report } = scanJson(repo.dir);
    const found = report.findings.filter((f) => f.ruleId === 'terraform.state-secret');
    expect(found.map((f) => [f.path, f.line, f.details]).sort((a, b) => (a[1] as number) - (b[1] as number))).toEqual([
      ['infra/terraform.tfstate', lineOf(state, '"admin_api_token"') + 1, { output: 'admin_api_token' }],
      ['infra/terraform.tfstate', lineOf(state, '"password": "'), { resource: 'aws_db_instance.app', attribute: 'password' }],
      ['infra/terraform.tfstate', lineOf(state, '"result"'), { resource: 'random_password.session', attribute: 'result' }],
    ]);
    expect(report.findings.filter((f) => f.path.endsWith('.backup'))).toEqual([]);
  });

  it('reports the client secret of a credentials.json, not a template with placeholders', () => {
    const dir = tempDir();
    try {
      writeFiles(dir.path, { 'credentials.json': fixture('credentials.json'), 'docs/credentials.json': fixture('template/credentials.json') });
      const { report } = scanJson(dir.path);
      const text = fixture('credentials.json');
      expect(report.findings.map((f) => [f.ruleId, f.path, f.line, f.details])).toEqual([
        ['keyfile.credentials-json', 'credentials.json', lineOf(text, '"client_secret"'), { key: 'client_secret' }],
      ]);
    } finally {
      dir.cleanup();
    }
  });
});

describe('credentials.json next to content rules', () => {
  it('a client secret a provider pattern knows is that pattern\'s finding only', () => {
    const dir = tempDir();
    try {
      const secret = ['GOCSPX', bytes('gocspx', 21).toString('base64url').slice(0, 28)].join('-');
      writeFiles(dir.path, { 'credentials.json': `{"web": {"client_id": "1234-abc.apps.googleusercontent.com", "client_secret": "${secret}"}}\n` });
      const { report } = scanJson(dir.path);
      expect(report.findings.map((f) => f.ruleId)).toEqual(['google.oauth-client-secret']);
    } finally {
      dir.cleanup();
    }
  });
});

describe('rules and reports', () => {
  it('`rules check` passes with the path rules, and `rules list` names them', () => {
    const check = runCli(['rules', 'check']);
    expect(check.code).toBe(0);
    const list = JSON.parse(runCli(['rules', 'list', '--format', 'json']).stdout) as { id: string; kind: string }[];
    expect(list.filter((r) => r.kind === 'path').map((r) => r.id)).toEqual(expect.arrayContaining(['keyfile.ssh-private-key', 'keyfile.pkcs12', 'keyfile.java-keystore', 'keyfile.putty']));
    expect(list.filter((r) => r.id === 'terraform.state-secret' || r.id === 'keyfile.credentials-json').map((r) => r.kind)).toEqual(['analyzer', 'analyzer']);
  });

  it('`rules check` rejects a path rule whose example path does not match', () => {
    const dir = tempDir();
    try {
      writeFileSync(
        join(dir.path, 'bad.yaml'),
        [
          'rules:',
          '  - id: keyfile.bad',
          '    name: Bad',
          '    description: A bad rule.',
          '    fix: Fix it.',
          "    path: '\\.p12$'",
          '    structure: [pkcs12]',
          '    severity: high',
          '    examples: [cert.pfx]',
          '    negative_examples: [cert.p12]',
          '',
        ].join('\n'),
      );
      const check = runCli(['rules', 'check', '--patterns', dir.path]);
      expect(check.code).toBe(2);
      expect(check.stderr).toContain('keyfile.bad: example path #1 does not match');
      expect(check.stderr).toContain('keyfile.bad: negative example path #1 matches');
    } finally {
      dir.cleanup();
    }
  });

  it('SARIF: the path rule is in tool.driver.rules with help, its result has a line-1 location, and the log validates', () => {
    const dir = tempDir();
    try {
      writeFiles(dir.path, { 'certs/signing.p12': pkcs12('sarif', 'key') });
      const run = runCli(['scan', dir.path, '--format', 'sarif']);
      expect(run.code).toBe(1);
      const log = JSON.parse(run.stdout) as {
        runs: { tool: { driver: { rules: { id: string; help?: { markdown?: string } }[] } }; results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[];
      };
      const rule = log.runs[0]!.tool.driver.rules.find((r) => r.id === 'keyfile.pkcs12');
      expect(rule?.help?.markdown).toContain('Revoke the certificate');
      const result = log.runs[0]!.results.find((r) => r.ruleId === 'keyfile.pkcs12')!;
      expect(result.locations[0]!.physicalLocation.artifactLocation.uri).toBe('certs/signing.p12');
      expect(result.locations[0]!.physicalLocation.region.startLine).toBe(1);
      const validator = resolve(REPO_ROOT, '../shared/tools/validate-sarif.cjs');
      const schema = resolve(REPO_ROOT, '../shared/schemas/sarif-schema-2.1.0.json');
      if (existsSync(validator)) {
        const file = join(dir.path, 'out.sarif');
        writeFileSync(file, run.stdout);
        const validated = spawnSync(process.execPath, [validator, schema, file], { encoding: 'utf8', env: { ...process.env, NODE_PATH: join(REPO_ROOT, 'node_modules') } });
        expect(validated.status, `${validated.stdout}${validated.stderr}`).toBe(0);
      }
    } finally {
      dir.cleanup();
    }
  });
});

describe('structure checks on files real tools write', () => {
  const openssl = spawnSync('openssl', ['version'], { encoding: 'utf8' }).status === 0;

  it.skipIf(!openssl)('an openssl .p12 with a key passes, one with certificates only does not', () => {
    const dir = tempDir();
    try {
      const sh = (args: string[]) => expect(spawnSync('openssl', args, { cwd: dir.path, encoding: 'utf8' }).status).toBe(0);
      sh(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'k.pem', '-out', 'c.pem', '-subj', '/CN=leakhound-test', '-days', '1']);
      sh(['pkcs12', '-export', '-in', 'c.pem', '-inkey', 'k.pem', '-out', 'with-key.p12', '-passout', 'pass:test']);
      sh(['pkcs12', '-export', '-nokeys', '-in', 'c.pem', '-out', 'certs.p12', '-passout', 'pass:test']);
      expect([...fileStructures(readFileSync(join(dir.path, 'with-key.p12')))]).toEqual(['pkcs12']);
      expect([...fileStructures(readFileSync(join(dir.path, 'certs.p12')))]).toEqual([]);
      expect([...fileStructures(readFileSync(join(dir.path, 'k.pem')))]).toEqual(['pem-private-key']);
      expect([...fileStructures(readFileSync(join(dir.path, 'c.pem')))]).toEqual([]);
    } finally {
      dir.cleanup();
    }
  });

  it('the synthetic stores used above pass the checks they stand for', () => {
    expect([...fileStructures(pkcs12('x', 'key'))]).toEqual(['pkcs12']);
    expect([...fileStructures(pkcs12('x', 'certificates'))]).toEqual([]);
    expect([...fileStructures(jks('x', 'private-key'))]).toEqual(['java-keystore']);
    expect([...fileStructures(jks('x', 'trusted-cert'))]).toEqual([]);
    expect([...fileStructures(Buffer.from(LFS_POINTER))]).toEqual([]);
  });
});

