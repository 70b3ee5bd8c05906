// The dotenv parser (dotenv's semantics, with positions) and the env.secret-value analyzer.
import { describe, expect, it } from 'vitest';
import { parseDotenv } from '../src/analyzers/dotenv-parse.js';
import { envFileAnalyzer, envVariableNames, isSecretKey } from '../src/analyzers/env-file.js';
import { isEnvFileName, isEnvTemplateName, isSecretEnvFileName } from '../src/analyzers/env-names.js';

// Secret-shaped values are assembled at run time so this file holds none literally.
const VALUE = ['Q7vx', '9Lm2Pz', 'R4tW8kB1', 'nY3s'].join('');
const OTHER = ['hT5e', 'Wq0Zr', 'Ku8Jd2'].join('');

const values = (text: string) => Object.fromEntries(parseDotenv(text).map((e) => [e.key, e.value]));

describe('parseDotenv', () => {
  it('reads plain, exported, spaced and colon assignments', () => {
    expect(values(`A=1\nexport B=two\n  C = three  \nD: four\n`)).toEqual({ A: '1', B: 'two', C: 'three', D: 'four' });
  });

  it('ends unquoted values at an inline comment and ignores comment lines', () => {
    expect(values(`# A=commented\nA=value # trailing\nB=x#y\n`)).toEqual({ A: 'value', B: 'x' });
  });

  it('keeps quoted text verbatim, with # and spaces', () => {
    expect(values(`A="a # b"\nB='  c  '\nC=\`d\` # comment\n`)).toEqual({ A: 'a # b', B: '  c  ', C: 'd' });
  });

  it('expands \\n only in double quotes, as dotenv does', () => {
    expect(values(`A="x\\ny"\nB='x\\ny'\n`)).toEqual({ A: 'x\ny', B: 'x\\ny' });
  });

  it('does not close a quoted value at an escaped quote', () => {
    expect(values(`A="say \\"hi\\""\n`)).toEqual({ A: 'say \\"hi\\"' });
  });

  it('reads multi-line quoted values with their end position', () => {
    const [entry] = parseDotenv(`KEY="line one\nline two"\nNEXT=1\n`);
    expect(entry).toMatchObject({ key: 'KEY', value: 'line one\nline two', line: 1, column: 6, endLine: 2, endColumn: 9 });
    expect(values(`KEY="line one\nline two"\nNEXT=1\n`)['NEXT']).toBe('1');
  });

  it('treats an unterminated quote as an unquoted value and skips non-assignments', () => {
    expect(values(`A="open\njust text\nB=2\r\n`)).toEqual({ A: '"open', B: '2' });
  });

  it('gives 1-based positions of the value', () => {
    const [entry] = parseDotenv(`\nexport  TOKEN = "${VALUE}"\n`);
    expect(entry).toMatchObject({ line: 2, column: 18, endLine: 2, endColumn: 18 + VALUE.length });
  });
});

describe('env file names', () => {
  it.each([
    ['.env', true, false],
    ['.env.local', true, false],
    ['.env.production.local', true, false],
    ['docker.env', true, false],
    ['.env.example', true, true],
    ['.env.sample', true, true],
    ['.env.template', true, true],
    ['.env.dist', true, true],
    ['.env.defaults', true, true],
    ['.env.local.example', true, true],
    ['.envrc', false, false],
    ['env.ts', false, false],
    ['.environment', false, false],
  ])('%s: env %s, template %s', (name, env, template) => {
    expect(isEnvFileName(name)).toBe(env);
    expect(isEnvTemplateName(name)).toBe(template);
    expect(isSecretEnvFileName(name)).toBe(env && !template);
  });
});

describe('isSecretKey', () => {
  it.each(['API_KEY', 'SECRET_KEY_BASE', 'GITHUB_TOKEN', 'DB_PASSWORD', 'SMTP_PASS', 'PRIVATE_KEY', 'AWS_SECRET_ACCESS_KEY', 'SENTRY_DSN', 'NEXTAUTH_SECRET', 'BASIC_AUTH', 'stripeApiKey', 'GOOGLE_CREDENTIALS'])(
    '%s is secret',
    (key) => expect(isSecretKey(key)).toBe(true),
  );
  it.each(['DATABASE_HOST', 'PORT', 'NODE_ENV', 'AUTH_URL', 'API_KEY_ID', 'JWT_EXPIRES', 'NEXT_PUBLIC_API_KEY', 'STRIPE_PUBLISHABLE_KEY', 'KEYBOARD_LAYOUT', 'TOKEN_TTL'])(
    '%s is not secret',
    (key) => expect(isSecretKey(key)).toBe(false),
  );
});

describe('env.secret-value', () => {
  const run = (text: string, path: string) => (envFileAnalyzer.applies(path, text) ? envFileAnalyzer.analyze(text, path) : []);

  it('reports a real value under a secret-like key, at the value', () => {
    const matches = run(`NODE_ENV=production\nexport API_KEY="${VALUE}"\n`, 'apps/web/.env');
    expect(matches).toHaveLength(1);
    expect(matches[0]).toMatchObject({ ruleId: 'env.secret-value', secret: VALUE, line: 2, column: 17, details: { variable: 'API_KEY', template: false } });
  });

  it('reports credentials inside a URL whatever the key', () => {
    const matches = run(`DATABASE_URL=postgres://app:${OTHER}@db.internal:5432/app\n`, '.env.production');
    expect(matches.map((m) => m.details?.['variable'])).toEqual(['DATABASE_URL']);
  });

  it('does not report placeholders in templates', () => {
    const template = [
      'API_KEY=',
      'SECRET_KEY=<your-secret>',
      'GITHUB_TOKEN=${GITHUB_TOKEN}',
      'DB_PASSWORD=your-password-here',
      'SESSION_SECRET=changeme',
      'PRIVATE_KEY=xxx',
      'DATABASE_URL=postgres://user:password@localhost/db',
      'SMTP_PASSWORD=email-server-password',
      'JWT_SECRET=thisisasamplesecret',
    ].join('\n');
    expect(run(template, '.env.example')).toEqual([]);
  });

  it('reports words as a value in a real env file, where they are the secret', () => {
    expect(run('SMTP_PASSWORD=email-server-password\n', '.env').map((m) => m.ruleId)).toEqual(['env.secret-value']);
  });

  it('still reports a real value in a template', () => {
    expect(run(`API_KEY=${VALUE}\n`, '.env.example').map((m) => m.secret)).toEqual([VALUE]);
  });

  it('reports a placeholder-looking value in a real env file at low severity', () => {
    const [match] = run('DB_PASSWORD=changeme\nEMPTY_TOKEN=\nREF_SECRET=${FROM_VAULT}\n', '.env');
    expect(match).toMatchObject({ severity: 'low', details: { placeholder: true, variable: 'DB_PASSWORD' } });
    expect(run('DB_PASSWORD=changeme\nEMPTY_TOKEN=\nREF_SECRET=${FROM_VAULT}\n', '.env')).toHaveLength(1);
  });

  it('gives a multi-line value no one-line snippet (redaction could not mask it whole)', () => {
    const [match] = run(`PRIVATE_KEY="${VALUE}\n${OTHER}"\n`, '.env');
    expect(match?.snippet).toBeUndefined();
    expect(match).toMatchObject({ line: 1, endLine: 2 });
  });

  it('does not run on files that are not env files', () => {
    expect(envFileAnalyzer.applies('src/config.ts', `API_KEY=${VALUE}`)).toBe(false);
  });

  it('lists variable names and the secret-looking ones, never values', () => {
    const facts = envVariableNames(`NODE_ENV=production\nAPI_KEY=${VALUE}\nDB_PASSWORD=\n`, '.env');
    expect(facts).toEqual({ names: ['NODE_ENV', 'API_KEY', 'DB_PASSWORD'], secretNames: ['API_KEY'] });
    expect(JSON.stringify(facts)).not.toContain(VALUE);
  });
});
