// Breadth of the shipped rule set and the validators it relies on (issue 8): at least 150
// rules, the families the issue names, checksum validators that accept the rules' own examples
// and reject their near misses, and most rules anchored at keywords (what keeps the scan fast).
import { describe, expect, it } from 'vitest';
import { isKeywordAnchored } from '../src/detect/anchor.js';
import { detectText } from '../src/detect/detect-text.js';
import { isBase64UserPassword, isValidBech32, VALIDATORS } from '../src/detect/validators.js';
import { loadRules } from '../src/rules/load.js';

const rules = loadRules();
const byId = new Map(rules.map((rule) => [rule.id, rule]));
const rule = (id: string) => {
  const found = byId.get(id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
};

describe('rule set breadth', () => {
  it('ships at least 150 rules', () => {
    expect(rules.length).toBeGreaterThanOrEqual(150);
  });

  it.each([
    'aws.session-token', 'google.service-account-key-id', 'google.oauth-client-secret', 'azure.sas-token', 'azure.client-secret',
    'github.fine-grained-pat', 'gitlab.pipeline-trigger-token', 'bitbucket.app-password', 'slack.webhook', 'discord.bot-token',
    'telegram.bot-token', 'mailchimp.api-key', 'stripe.webhook-secret', 'braintree.access-token', 'square.access-token',
    'groq.api-key', 'cohere.api-key', 'vercel.access-token', 'netlify.access-token', 'cloudflare.api-token', 'fastly.api-token',
    'newrelic.user-api-key', 'rubygems.api-key', 'terraform.cloud-token', 'onepassword.service-account-token', 'okta.api-token',
    'auth0.client-secret', 'firebase.fcm-server-key', 'supabase.access-token', 'notion.integration-token', 'airtable.pat',
    'algolia.admin-key', 'private-key.putty', 'django.secret-key', 'rails.secret-key-base', 'laravel.app-key', 'wordpress.salt',
    'flask.secret-key', 'spring.datasource-password', 'npmrc.auth-token', 'pypirc.password', 'netrc.password',
    'docker.config-auth', 'kubeconfig.token', 'htpasswd.hash', 'filezilla.password', 'jetbrains.datasource-password',
    'uri.basic-auth', 'uri.jdbc-password', 'connection-string.password',
  ])('has %s', (id) => {
    expect(byId.has(id)).toBe(true);
  });

  it('keeps at least 90% of the rules keyword-anchored', () => {
    const anchored = rules.filter((r) => isKeywordAnchored(r.pattern, r.keywords));
    expect(anchored.length / rules.length).toBeGreaterThanOrEqual(0.9);
  });
});

describe('validators', () => {
  it('are registered by name', () => {
    expect(VALIDATORS.get('bech32')).toBe(isValidBech32);
    expect(VALIDATORS.get('base64-user-password')).toBe(isBase64UserPassword);
  });

  it('bech32 accepts the age examples and rejects a changed checksum', () => {
    const key = /AGE-SECRET-KEY-1[0-9A-Z]+/.exec(rule('age.secret-key').examples[0]!)![0];
    expect(isValidBech32(key)).toBe(true);
    expect(isValidBech32(key.toLowerCase())).toBe(true);
    const last = key.at(-1) === 'Q' ? 'P' : 'Q';
    expect(isValidBech32(key.slice(0, -1) + last)).toBe(false);
    expect(isValidBech32('no-separator')).toBe(false);
    expect(isValidBech32('age1b')).toBe(false);
  });

  it('base64-user-password needs printable user:password', () => {
    const encode = (text: string) => Buffer.from(text, 'latin1').toString('base64');
    expect(isBase64UserPassword(encode(['ci', 'Tr0ub4dor-3x'].join(':')))).toBe(true);
    expect(isBase64UserPassword(encode('no colon here'))).toBe(false);
    expect(isBase64UserPassword(encode(':only-password'))).toBe(false);
    expect(isBase64UserPassword(encode('user:'))).toBe(false);
    expect(isBase64UserPassword(encode('bin\u0001ary:x'))).toBe(false);
    expect(isBase64UserPassword('not base64!')).toBe(false);
  });
});

describe('anchoring keeps the same results', () => {
  // The look-behind rewrites (mailchimp, newrelic license, terraform, firebase) start the match
  // at the keyword: the reported secret must still be the documented part of the token.
  it.each(['mailchimp.api-key', 'newrelic.license-key', 'terraform.cloud-token', 'firebase.fcm-server-key', 'telegram.bot-token'])(
    '%s reports a secret contained in its example',
    (id) => {
      const r = rule(id);
      for (const example of r.examples) {
        const hits = detectText(example, [r]);
        expect(hits).toHaveLength(1);
        expect(hits[0]!.secret.length).toBeGreaterThanOrEqual(30);
        expect(example).toContain(hits[0]!.secret);
      }
    },
  );
});
