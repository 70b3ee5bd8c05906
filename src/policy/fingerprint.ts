// Finding identity comes from content, never from line numbers: the same secret under the same
// rule keeps its id when lines move, files are renamed or history is rebased, so baselines and
// SARIF fingerprints survive. The NUL separator keeps `a` + `bc` apart from `ab` + `c`.
import { createHash } from 'node:crypto';

/** Hex sha256 of `ruleId + "\0" + secret`. */
export function findingId(ruleId: string, secret: string): string {
  return createHash('sha256').update(`${ruleId}\0${secret}`, 'utf8').digest('hex');
}
