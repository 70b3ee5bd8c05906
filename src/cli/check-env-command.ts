// `leakhound check-env`: the start-up validation of signing secrets for deploy pipelines.
// Missing names exit 2, weak ones (short, low entropy, known default) exit 1; values are never
// printed.
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, UsageError, errorMessage } from '../errors.js';
import type { HmacAlg } from '../analyzers/jwt-secret-find.js';
import { parseDotenv } from '../analyzers/dotenv-parse.js';
import { loadKnownJwtSecrets } from '../rules/known-secrets.js';
import { checkSecrets, describeSecretsCheck } from '../secrets/strength.js';

interface CheckEnvFlags {
  require: string;
  alg: HmacAlg;
  envFile?: string;
  dotenv?: string;
}

export function registerCheckEnvCommand(program: Command): void {
  program
    .command('check-env')
    .description('check that required signing secrets are set and strong (values are never printed)')
    .option('--require <names>', 'comma-separated variable names', 'JWT_SECRET')
    .addOption(new Option('--alg <alg>', 'HMAC algorithm the keys sign with').choices(['HS256', 'HS384', 'HS512']).default('HS256'))
    .option('--env-file <file>', 'read the values from this env file instead of the environment')
    .option('--dotenv <file>', 'same as --env-file (node takes an `--env-file` argument for itself and exits with its own message when the file is missing)')
    .addHelpText(
      'after',
      `
Examples:
  $ leakhound check-env                                       JWT_SECRET from the environment, HS256
  $ leakhound check-env --require JWT_SECRET,REFRESH_SECRET --alg HS512
  $ leakhound check-env --env-file .env.production

Exit codes: 0 all set and strong, 1 a secret is weak or a known default, 2 a secret is missing.`,
    )
    .action((flags: CheckEnvFlags) => {
      const names = flags.require.split(',').map((n) => n.trim()).filter((n) => n.length > 0);
      if (names.length === 0) throw new UsageError('--require: no names given');
      if (flags.envFile !== undefined && flags.dotenv !== undefined) throw new UsageError('choose one of --env-file and --dotenv');
      const file = flags.envFile ?? flags.dotenv;
      const values = file !== undefined ? readEnvFile(file) : process.env;
      const check = checkSecrets(values, names, { alg: flags.alg, knownDefaults: new Set(loadKnownJwtSecrets()) });
      for (const line of describeSecretsCheck(check, flags.alg)) process.stderr.write(`${line}\n`);
      for (const name of check.ok) process.stdout.write(`${name}: ok (${flags.alg})\n`);
      process.exitCode = check.missing.length > 0 ? EXIT_ERROR : check.weak.length > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
    });
}

function readEnvFile(file: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${errorMessage(err)}`);
  }
  const values: Record<string, string> = {};
  for (const entry of parseDotenv(text)) values[entry.key] = entry.value;
  return values;
}
