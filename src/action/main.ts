// The GitHub Action entry (bundled to dist/action.js, run by `runs.using: node24`):
// inputs + event -> scan() -> masks first, then the report, annotations, SARIF, job summary
// and outputs. The scan keeps raw secrets only long enough to `::add-mask::` them; everything
// printed or written afterwards comes from the redacted result.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, GitError, LeakhoundError, UsageError, errorMessage } from '../errors.js';
import { openRepository } from '../git/open.js';
import type { GitReader } from '../git/reader.js';
import { trackingRefs } from '../hook/pre-push-plan.js';
import { redactResult } from '../policy/redact.js';
import { formatJson } from '../report/json.js';
import type { ReportMeta } from '../report/meta.js';
import { formatSarif } from '../report/sarif.js';
import { formatText } from '../report/text.js';
import { scan, type ScanOptions } from '../scan.js';
import type { ScanResult } from '../types.js';
import { VERSION } from '../version.js';
import { annotationCommands, escapeData, maskCommands, outputLines, summaryMarkdown } from './commands.js';
import { deepen, missingForRange } from './deepen.js';
import { planForEvent, type ScanPlan } from './event.js';
import { readInputs, type ActionInputs } from './inputs.js';

interface Prepared {
  /** Scan options for the plan; null: the range is empty, nothing to scan. */
  options: Partial<ScanOptions> | null;
  scope: string;
}

export async function runAction(env: NodeJS.ProcessEnv, out: NodeJS.WritableStream): Promise<number> {
  const inputs = readInputs(env);
  const workspace = resolve(env.GITHUB_WORKSPACE ?? process.cwd());
  const root = resolve(workspace, inputs.path);
  const payload: unknown = env.GITHUB_EVENT_PATH ? JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) : {};
  const plan = planForEvent(env.GITHUB_EVENT_NAME ?? '', payload, inputs.mode);
  const prepared = await prepare(plan, root, env.GITHUB_REF ?? '');
  if (!prepared.options) {
    out.write(`leakhound: ${prepared.scope}: no commits to scan\n`);
    finish(env, inputs, workspace, null, prepared.scope);
    return EXIT_CLEAN;
  }
  const raw = await scan({
    path: root,
    redact: false,
    ...prepared.options,
    ...(inputs.config ? { configPath: resolve(workspace, inputs.config) } : {}),
    ...(inputs.baseline ? { baselinePath: resolve(workspace, inputs.baseline) } : {}),
  });
  // Before anything else reaches the log: every secret found, suppressed ones included.
  out.write(maskCommands([...raw.findings.map((f) => f.secret), ...(raw.suppressed ?? []).map((s) => s.secret)]));
  const result = redactResult(raw);

  const meta: ReportMeta = { toolVersion: VERSION, color: false, now: new Date(), targetUri: pathToFileURL(result.target).href };
  out.write(`leakhound: scanned ${prepared.scope}\n`);
  out.write(inputs.format === 'json' ? formatJson(result, meta) : inputs.format === 'sarif' ? formatSarif(result, meta) : formatText(result, meta));
  out.write(annotationCommands(result.findings));
  if (inputs.sarifFile) writeFileSync(resolve(workspace, inputs.sarifFile), formatSarif(result, meta));
  finish(env, inputs, workspace, result, prepared.scope);

  if (!result.summary.complete) {
    out.write(`::error::${escapeData('leakhound: the scan is incomplete (unreadable objects); see the log above')}\n`);
    return EXIT_ERROR;
  }
  if (result.findings.length > 0 && inputs.failOnFindings) {
    out.write(`::error::${escapeData(`leakhound: ${result.findings.length} secret(s) found`)}\n`);
    return EXIT_FINDINGS;
  }
  return EXIT_CLEAN;
}

/** Job summary and step outputs. */
function finish(env: NodeJS.ProcessEnv, inputs: ActionInputs, workspace: string, result: ScanResult | null, scope: string): void {
  const sarifPath = inputs.sarifFile && result ? resolve(workspace, inputs.sarifFile) : '';
  if (env.GITHUB_STEP_SUMMARY) {
    const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
    const repositoryUrl = env.GITHUB_REPOSITORY ? `${server}/${env.GITHUB_REPOSITORY}` : null;
    const text = result
      ? summaryMarkdown(result, { repositoryUrl, fallbackCommit: env.GITHUB_SHA ?? null, scope })
      : `## leakhound\n\n${scope}: no commits to scan.\n`;
    appendFileSync(env.GITHUB_STEP_SUMMARY, text);
  }
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, outputLines({ findings: String(result?.findings.length ?? 0), 'sarif-file': sarifPath }));
}

async function prepare(plan: ScanPlan, root: string, ref: string): Promise<Prepared> {
  if (plan.kind === 'full') return { options: { history: true }, scope: 'the full history' };
  let reader = await openRepository(root);
  try {
    if (plan.kind === 'range') {
      const scope = `${plan.origin} ${plan.base.slice(0, 12)}..${plan.head.slice(0, 12)}`;
      if (plan.base === plan.head) return { options: null, scope };
      let missing = await missingForRange(reader, plan.base, plan.head);
      if (missing.length > 0 && (await reader.isShallow())) {
        await reader.close();
        const fetched = await deepen(reader.gitDir, root, ref || plan.head, plan.commits + 1);
        reader = await openRepository(root);
        missing = await missingForRange(reader, plan.base, plan.head);
        if (missing.length > 0) {
          throw new GitError(
            `the range ${scope} is not in this checkout, even after git fetch --deepen=${plan.commits + 1}` +
              `${fetched.ok ? '' : ` (fetch failed: ${fetched.message})`}; use actions/checkout with fetch-depth: 0`,
          );
        }
      } else if (missing.length > 0) {
        throw new GitError(`the range ${scope} is not in this repository (missing ${missing[0]}); was the right ref checked out?`);
      }
      return { options: { range: `${plan.base}..${plan.head}` }, scope };
    }
    const scope = `the new branch ${plan.ref || plan.head.slice(0, 12)}`;
    if (plan.commits > 0 && (await reader.isShallow())) {
      await reader.close();
      await deepen(reader.gitDir, root, ref || plan.head, plan.commits + 1);
      reader = await openRepository(root);
    }
    return { options: { rangeSpec: await newBranchSpec(reader, plan.head, plan.ref) }, scope };
  } finally {
    await reader.close();
  }
}

/** The pushed branch's commits: not on any other remote-tracking ref. */
async function newBranchSpec(reader: GitReader, head: string, ref: string) {
  const own = `refs/remotes/origin/${ref.replace(/^refs\/heads\//, '')}`;
  const bases = trackingRefs(await reader.refs(), { remote: 'origin' }).filter((r) => r.name !== own && r.commit !== head);
  return { include: [head], exclude: bases.map((r) => r.commit) };
}

async function main(): Promise<void> {
  let code: number;
  try {
    code = await runAction(process.env, process.stdout);
  } catch (err) {
    const known = err instanceof LeakhoundError || err instanceof UsageError;
    process.stdout.write(`::error::${escapeData(`leakhound: ${known ? '' : 'internal error: '}${errorMessage(err)}`)}\n`);
    code = EXIT_ERROR;
  }
  process.exitCode = code;
}

await main();
