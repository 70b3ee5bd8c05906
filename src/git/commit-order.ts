// One commit order for both engines: parents before children, and among commits that are ready
// the oldest author date first (ties by sha). git's own --topo-order depends on its walk's
// internals; defining the order here keeps the engines' outputs identical, and with them which
// commit a blob's first occurrence is attributed to.
import type { CommitRecord } from './reader.js';

export function orderOldestFirst(records: Iterable<CommitRecord>): CommitRecord[] {
  const bySha = new Map<string, CommitRecord>();
  for (const r of records) bySha.set(r.sha, r);

  const pendingParents = new Map<string, number>();
  const children = new Map<string, string[]>();
  for (const r of bySha.values()) {
    const parents = new Set(r.parents.filter((p) => bySha.has(p)));
    pendingParents.set(r.sha, parents.size);
    for (const p of parents) {
      const list = children.get(p);
      if (list) list.push(r.sha);
      else children.set(p, [r.sha]);
    }
  }

  const time = new Map<string, number>();
  for (const r of bySha.values()) time.set(r.sha, Date.parse(r.authorDate) || 0);
  const before = (a: string, b: string): boolean => {
    const ta = time.get(a) ?? 0;
    const tb = time.get(b) ?? 0;
    return ta !== tb ? ta < tb : a < b;
  };

  const ready = new MinHeap<string>(before);
  for (const [sha, n] of pendingParents) if (n === 0) ready.push(sha);
  const out: CommitRecord[] = [];
  while (ready.size > 0) {
    const sha = ready.pop() as string;
    out.push(bySha.get(sha) as CommitRecord);
    for (const child of children.get(sha) ?? []) {
      const left = (pendingParents.get(child) ?? 1) - 1;
      pendingParents.set(child, left);
      if (left === 0) ready.push(child);
    }
  }
  return out;
}

class MinHeap<T> {
  private readonly items: T[] = [];
  constructor(private readonly less: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(items[i] as T, items[parent] as T)) break;
      [items[i], items[parent]] = [items[parent] as T, items[i] as T];
      i = parent;
    }
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && this.less(items[l] as T, items[m] as T)) m = l;
        if (r < items.length && this.less(items[r] as T, items[m] as T)) m = r;
        if (m === i) break;
        [items[i], items[m]] = [items[m] as T, items[i] as T];
        i = m;
      }
    }
    return top;
  }
}
