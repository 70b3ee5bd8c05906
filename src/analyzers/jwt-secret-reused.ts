// FindingsAnalyzer jwt.secret-reused: one secret value in the config of different environments
// (.env.development / .env.production, config/staging.json, ...): one finding naming all places.
import { findingId } from '../policy/fingerprint.js';
import type { Finding, Occurrence } from '../types.js';
import type { FindingsAnalyzer, FindingsContext } from './analyzer.js';
import { SECRET_REUSED } from './jwt-rules.js';
import { isPm2EcosystemFile } from './pm2-ecosystem.js';

const ENV_ALIASES: Record<string, string> = {
  dev: 'development', development: 'development', local: 'development',
  test: 'test', testing: 'test', ci: 'test',
  qa: 'qa', uat: 'qa',
  stage: 'staging', staging: 'staging', preview: 'staging',
  prod: 'production', production: 'production', live: 'production',
};

/** The environment a config file belongs to, from its name: `.env.production`, `config/dev.yaml`, `prod/.env`. */
export function environmentOf(path: string): string | null {
  const parts = path.toLowerCase().split('/');
  const base = parts[parts.length - 1]!;
  const words = [
    ...(/^\.env\.([a-z]+)/.exec(base)?.slice(1) ?? []),
    ...(/^(?:config|settings|appsettings|application|docker-compose)[._-]([a-z]+)\./.exec(base)?.slice(1) ?? []),
    ...(/^(?:dockerfile|containerfile)[._-]([a-z]+)$/.exec(base)?.slice(1) ?? []),
    ...(parts.length > 1 && /^(?:config|configs|env|envs|environments|settings)$/.test(parts[parts.length - 2]!) ? [base.split('.')[0]!] : []),
    ...(base.startsWith('.env') ? parts.slice(0, -1) : []),
  ];
  for (const w of words) if (ENV_ALIASES[w]) return ENV_ALIASES[w]!;
  return null;
}

/**
 * The environments an occurrence belongs to: from the file's name, or for a PM2 ecosystem file
 * from the `env_<name>` blocks holding the value (the jwt-secret analyzer records them).
 */
function environmentsOfOccurrence(f: Finding, path: string): string[] {
  const env = environmentOf(path);
  if (env) return [env];
  const blocks = f.details?.environments;
  if (!isPm2EcosystemFile(path) || !Array.isArray(blocks)) return [];
  return blocks.filter((b): b is string => typeof b === 'string').map((b) => ENV_ALIASES[b] ?? b);
}

/** Findings whose secret is a configured value (not a token, not a code shape). */
function isConfiguredSecret(f: Finding): boolean {
  if (/^(?:jwt\.(?:token|alg-none|no-expiry|weak-signature|sign-|verify-|secret-logged|secret-reused)|auth\.|gitignore\.)/.test(f.ruleId)) return false;
  return f.ruleId === 'jwt.hardcoded-secret' || f.ruleId === 'jwt.weak-secret' || f.tags.some((t) => t === 'secret' || t === 'password' || t === 'generic') || f.ruleId.startsWith('env.');
}

export const jwtSecretReusedAnalyzer: FindingsAnalyzer = {
  name: 'jwt-secret-reused',
  rules: [SECRET_REUSED],
  analyze(context: FindingsContext): Finding[] {
    if (!context.enabledRules.has(SECRET_REUSED.id)) return [];
    const bySecret = new Map<string, { envs: Set<string>; occurrences: Map<string, Occurrence> }>();
    for (const f of context.findings) {
      if (!isConfiguredSecret(f)) continue;
      for (const o of f.occurrences) {
        const envs = environmentsOfOccurrence(f, o.path);
        if (envs.length === 0) continue;
        const entry = bySecret.get(f.secret) ?? { envs: new Set(), occurrences: new Map() };
        for (const env of envs) entry.envs.add(env);
        entry.occurrences.set(`${o.commit?.sha ?? ''}\0${o.path}\0${o.line}`, o);
        bySecret.set(f.secret, entry);
      }
    }
    const out: Finding[] = [];
    for (const [secret, entry] of bySecret) {
      if (entry.envs.size < 2) continue;
      const occurrences = [...entry.occurrences.values()];
      out.push({
        id: findingId(SECRET_REUSED.id, secret),
        ruleId: SECRET_REUSED.id,
        ruleName: SECRET_REUSED.name,
        severity: SECRET_REUSED.severity,
        tags: SECRET_REUSED.tags,
        secret,
        status: 'present',
        occurrences,
        details: { environments: [...entry.envs].sort(), places: occurrences.map((o) => `${o.path}:${o.line}`) },
      });
    }
    return out;
  },
};
