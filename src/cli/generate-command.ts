// `leakhound generate`: a JWT signing key of the right length from the OS CSPRNG, printed, or
// written into an env file (created with mode 600) without ever being printed.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { Command, Option } from 'commander';
import { UsageError, errorMessage } from '../errors.js';
import { writeFileAtomic } from './output.js';
import type { HmacAlg } from '../analyzers/jwt-secret-find.js';
import { REQUIRED_BYTES } from '../analyzers/jwt-secret-grade.js';
import { generateKey, upsertEnvLine, type KeyEncoding } from '../secrets/generate.js';

interface GenerateFlags {
  alg: HmacAlg;
  encoding: KeyEncoding;
  envFile?: string;
  dotenv?: string;
  key?: string;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function registerGenerateCommand(program: Command): void {
  program
    .command('generate')
    .description('generate a JWT signing key of the right length from the OS random generator')
    .addOption(new Option('--alg <alg>', 'HMAC algorithm the key is for (32/48/64 bytes)').choices(['HS256', 'HS384', 'HS512']).default('HS256'))
    .addOption(new Option('--encoding <encoding>', 'how to write the key').choices(['hex', 'base64url']).default('base64url'))
    .option('--env-file <file>', 'write the key into this env file (created with mode 600) instead of printing it')
    .option('--dotenv <file>', 'same as --env-file; use it to create a new file: node takes an `--env-file` argument for itself and exits when that file does not exist (unless started as `node -- bin/leakhound.js`, as the npm script and git hooks do)')
    .option('--key <name>', 'variable name to set in --env-file (e.g. JWT_SECRET)')
    .addHelpText(
      'after',
      `
Examples:
  $ leakhound generate                                   print a 256-bit key (base64url)
  $ leakhound generate --alg HS512 --encoding hex        a 512-bit key in hex
  $ leakhound generate --env-file .env --key JWT_SECRET  set JWT_SECRET in .env; the key is never printed
  $ leakhound generate --dotenv .env.production --key JWT_SECRET   the same, for a file that does not exist yet`,
    )
    .action((flags: GenerateFlags) => {
      if (flags.dotenv !== undefined) {
        if (flags.envFile !== undefined) throw new UsageError('choose one of --env-file and --dotenv');
        flags.envFile = flags.dotenv;
      }
      if ((flags.envFile === undefined) !== (flags.key === undefined)) throw new UsageError('--env-file and --key go together');
      const key = generateKey(flags.alg, flags.encoding);
      if (flags.envFile === undefined || flags.key === undefined) {
        process.stdout.write(`${key}\n`);
        return;
      }
      if (!ENV_NAME.test(flags.key)) throw new UsageError(`--key: not an environment variable name: ${flags.key}`);
      writeEnvKey(flags.envFile, flags.key, key);
      process.stderr.write(`leakhound: set ${flags.key} in ${flags.envFile} (${REQUIRED_BYTES[flags.alg]} random bytes for ${flags.alg}); the value was not printed\n`);
    });
}

function writeEnvKey(file: string, name: string, key: string): void {
  const exists = existsSync(file);
  let text = '';
  let mode = 0o600;
  if (exists) {
    try {
      text = readFileSync(file, 'utf8');
      mode = statSync(file).mode & 0o777;
    } catch (err) {
      throw new UsageError(`cannot read ${file}: ${errorMessage(err)}`);
    }
  }
  writeFileAtomic(file, upsertEnvLine(text, name, key), mode);
}

