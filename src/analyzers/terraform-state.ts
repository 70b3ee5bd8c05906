// `terraform.state-secret`: a Terraform state file (`terraform.tfstate`, `*.tfstate`, backups)
// holds every resource attribute in clear text, database passwords and generated keys included.
// A state file is reported only where it really holds one: an attribute Terraform itself marks
// sensitive (`sensitive_attributes`, state v4), an attribute whose name says it is a secret
// (`password`, `private_key_pem`, `access_key`, ...; older states have no marks), a
// `random_password`'s result, or an output declared `sensitive = true`. Each value is reported
// on its own line, so the finding's identity is the secret, as for any other rule. Pure.
import type { Match, RuleInfo } from '../types.js';
import type { BlobAnalyzer } from './analyzer.js';
import { isSecretKey } from './env-file.js';
import { baseName } from './env-names.js';
import { jsonStringLeaves, lastKey, type JsonStringLeaf } from './json-leaves.js';
import { matchAt } from './text-span.js';

export const TERRAFORM_STATE_SECRET: RuleInfo = {
  id: 'terraform.state-secret',
  name: 'Secret in a Terraform state file',
  description:
    'A Terraform state file stores every attribute of every resource in clear text: database passwords, generated private keys, access keys, sensitive outputs. Anyone who reads the repository reads them.',
  fix: 'Rotate the secrets the state holds, delete the state file from the repository (and its history), add `*.tfstate*` to .gitignore, and keep state in an encrypted remote backend (S3 with encryption and locking, Terraform Cloud, GCS, azurerm) with restricted access.',
  severity: 'critical',
  // `generic`: a provider pattern on the same characters (a PEM key, an AWS secret key) wins.
  tags: ['security', 'secret', 'terraform', 'generic'],
};

/**
 * A state file holds every attribute of every resource: far more leaves than a config file (a
 * 10 MiB state has a few hundred thousand). A secret sits a few levels under `attributes`
 * (resources.N.instances.N.attributes.<name>.N.<name> is 8 steps), never dozens.
 */
const STATE_LIMITS = { maxDepth: 24, maxLeaves: 250_000 };

const STATE_FILE = /\.tfstate(?:\.[0-9]+)?(?:\.backup)?$/i;

/** Names isSecretKey accepts that, in provider schemas, hold names, ids or settings. */
const NOT_SECRET_NAMES = /^(?:key|keys|key_pair|sort_key|hash_key|range_key|partition_key|s3_key|object_key)$|_(?:arn|arns|pair|usage|spec|policy|policies|required|rotation|enabled|length|type|algorithm|id|ids|name|names|version|versions|wo_version|format|location|expiration|ttl|vault_id|ring)$/i;

export function isStateFile(path: string): boolean {
  return STATE_FILE.test(baseName(path));
}

interface Instance {
  attributes?: unknown;
  sensitive_attributes?: unknown;
}
interface ResourceV4 {
  type?: string;
  name?: string;
  module?: string;
  instances?: Instance[];
}
interface State {
  outputs?: Record<string, { sensitive?: boolean }>;
  resources?: ResourceV4[];
  modules?: { outputs?: Record<string, { sensitive?: boolean }> }[];
}

export const terraformStateAnalyzer: BlobAnalyzer = {
  name: 'terraform-state',
  rules: [TERRAFORM_STATE_SECRET],
  applies: (path) => isStateFile(path),
  analyze(text) {
    let state: State;
    try {
      state = JSON.parse(text) as State;
    } catch {
      return [];
    }
    if (state === null || typeof state !== 'object') return [];
    const leaves = jsonStringLeaves(text, STATE_LIMITS);
    if (!leaves) return [];
    const matches: Match[] = [];
    for (const leaf of leaves) {
      const where = secretLeaf(state, leaf);
      if (!where || !looksLikeAValue(leaf.value)) continue;
      matches.push(matchAt(text, { ruleId: TERRAFORM_STATE_SECRET.id, start: leaf.start, end: leaf.end, details: where }));
    }
    return matches;
  },
};

/** Why a string value of the state is a secret (its resource and attribute, or output), or null. */
function secretLeaf(state: State, leaf: JsonStringLeaf): Record<string, string> | null {
  const p = leaf.path;
  // v4: resources[i].instances[j].attributes.<name>...
  if (p[0] === 'resources' && p[2] === 'instances' && p[4] === 'attributes' && typeof p[5] === 'string') {
    const resource = state.resources?.[p[1] as number];
    const instance = resource?.instances?.[p[3] as number];
    const top = p[5];
    const name = lastKey(p.slice(5)) ?? top;
    const marked = sensitiveTopAttributes(instance).has(top);
    const generated = resource?.type === 'random_password' && (top === 'result' || top === 'bcrypt_hash');
    if (!marked && !generated && !isSecretAttribute(name) && !isSecretAttribute(top)) return null;
    const address = [resource?.module, `${resource?.type ?? '?'}.${resource?.name ?? '?'}`].filter(Boolean).join('.');
    return { resource: address, attribute: p.slice(5).join('.') };
  }
  // v4: outputs.<name>.value...
  if (p[0] === 'outputs' && typeof p[1] === 'string' && p[2] === 'value') {
    return state.outputs?.[p[1]]?.sensitive === true ? { output: p[1] } : null;
  }
  // v3 and older: modules[i].resources.<address>.primary.attributes.<flattened.name>, modules[i].outputs
  if (p[0] === 'modules' && p[2] === 'resources' && p[4] === 'primary' && p[5] === 'attributes' && typeof p[6] === 'string') {
    const flat = p[6];
    const name = flat.split('.').filter((part) => !/^\d+$/.test(part)).pop() ?? flat;
    return isSecretAttribute(name) ? { resource: String(p[3]), attribute: flat } : null;
  }
  if (p[0] === 'modules' && p[2] === 'outputs' && typeof p[3] === 'string' && p[4] === 'value') {
    return state.modules?.[p[1] as number]?.outputs?.[p[3]]?.sensitive === true ? { output: p[3] } : null;
  }
  return null;
}

/** Top-level attribute names Terraform marked sensitive for this instance (state v4). */
function sensitiveTopAttributes(instance: Instance | undefined): Set<string> {
  const names = new Set<string>();
  const marks = instance?.sensitive_attributes;
  if (!Array.isArray(marks)) return names;
  for (const mark of marks) {
    // Each mark is a path: a list of steps, the first naming the top-level attribute.
    const first: unknown = Array.isArray(mark) ? mark[0] : undefined;
    if (first && typeof first === 'object' && (first as { type?: unknown }).type === 'get_attr') {
      const value = (first as { value?: unknown }).value;
      if (typeof value === 'string') names.add(value);
    }
  }
  return names;
}

export function isSecretAttribute(name: string): boolean {
  return !NOT_SECRET_NAMES.test(name) && isSecretKey(name);
}

/** Empty strings, ARNs and booleans-as-strings are settings, not secrets. */
function looksLikeAValue(value: string): boolean {
  return value.trim().length >= 4 && !/^arn:/.test(value) && !/^(?:true|false|null)$/i.test(value);
}
