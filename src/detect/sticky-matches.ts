// Matches of a regex tried only at given offsets (where its keyword or first word is), with the
// same result as a global scan when every match starts at one of them: the detector's anchored
// rules and the analyzers' call-site regexes both run this way.

/** A sticky (flag `y`) copy of a regex, built once per rule or analyzer. */
export function sticky(regex: RegExp): RegExp {
  return new RegExp(regex.source, `${regex.flags.replace(/[gy]/g, '')}y`);
}

/**
 * The matches of `stickyRegex` that start at one of `starts` (ascending), without overlap: the
 * same matches a global scan finds when every match of the regex starts at one of those offsets.
 */
export function* matchesAt(text: string, stickyRegex: RegExp, starts: readonly number[]): Generator<RegExpExecArray> {
  let next = 0;
  for (const at of starts) {
    if (at < next) continue;
    stickyRegex.lastIndex = at;
    const match = stickyRegex.exec(text);
    if (match === null) continue;
    next = at + Math.max(1, match[0].length);
    yield match;
  }
  stickyRegex.lastIndex = 0;
}
