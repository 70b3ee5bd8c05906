// A set of (path, object id) pairs, e.g. the subtrees a history walk has been through. Held as
// path -> ids rather than as `${id}\0${path}` strings: each path is stored once however many
// versions it had, and no concatenated string per pair is kept alive. On a repository with a
// fixed set of files, the pairs are what grows with the number of commits.
export class PathIdSet {
  private readonly idsByPath = new Map<string, Set<string>>();

  has(path: string, id: string): boolean {
    return this.idsByPath.get(path)?.has(id) ?? false;
  }

  /** Adds the pair; false when it was there already. */
  add(path: string, id: string): boolean {
    let ids = this.idsByPath.get(path);
    if (ids === undefined) {
      ids = new Set();
      this.idsByPath.set(path, ids);
    }
    if (ids.has(id)) return false;
    ids.add(id);
    return true;
  }
}
