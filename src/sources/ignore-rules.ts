// Cascading ignore rules as git applies them to a work tree: `.git/info/exclude` at the root,
// then every `.gitignore` from the root down; the deepest file with a matching rule decides.
// A directory that is ignored is never entered (git cannot un-ignore anything below it).
import ignore, { type Ignore } from 'ignore';

interface Level {
  /** Directory of the rules file, relative to the root, '' for the root, no trailing slash. */
  base: string;
  rules: Ignore;
  /**
   * This level ignores a directory we are inside, yet a deeper level un-ignored it. The `ignore`
   * package would call everything below "ignored by parent", which git does not: git matches each
   * path against each file's rules itself. So a blocked level has no say below that directory.
   */
  blocked: boolean;
}

export class IgnoreStack {
  private constructor(private readonly levels: readonly Level[]) {}

  static empty(): IgnoreStack {
    return new IgnoreStack([]);
  }

  /** A stack with one more level of rules (a `.gitignore` in `base`). Blank text adds nothing. */
  with(base: string, text: string): IgnoreStack {
    if (!/\S/.test(text)) return this;
    return new IgnoreStack([...this.levels, { base, rules: ignore({ allowRelativePaths: true }).add(text), blocked: false }]);
  }

  /** The stack for the entries of directory `dir` (which the walker decided is not ignored). */
  enter(dir: string): IgnoreStack {
    let changed = false;
    const levels = this.levels.map((level) => {
      if (level.blocked || !level.rules.test(`${relativeTo(level, dir)}/`).ignored) return level;
      changed = true;
      return { ...level, blocked: true };
    });
    return changed ? new IgnoreStack(levels) : this;
  }

  /** Whether `path` (relative to the root, `/`-separated) is ignored; deepest level first. */
  isIgnored(path: string, isDirectory: boolean): boolean {
    for (let i = this.levels.length - 1; i >= 0; i--) {
      const level = this.levels[i]!;
      if (level.blocked) continue;
      const rel = relativeTo(level, path);
      const verdict = level.rules.test(isDirectory ? `${rel}/` : rel);
      if (verdict.ignored) return true;
      if (verdict.unignored) return false;
    }
    return false;
  }
}

function relativeTo(level: Level, path: string): string {
  return level.base === '' ? path : path.slice(level.base.length + 1);
}
