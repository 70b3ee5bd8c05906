// The index (what `git commit` would record): every entry's blob, read by id, for pre-commit
// hooks. Paths come from the index, bytes from the object database, never from the work tree.
import { openRepository } from '../git/open.js';
import type { EngineName, GitReader } from '../git/reader.js';
import type { SourceItem } from '../types.js';
import { BlobItems, emptyFacts, SlotQueue, trackedItems, type HistoryFacts, type HistoryScan } from './git-items.js';

export interface StagedOptions {
  maxFileSize: number;
  seen: Set<string>;
  /** Engine when a path is given instead of a reader. */
  engine?: EngineName;
}

/** Items for the index of `repo` (a reader, or a path to open here and close when done). */
export function stagedSource(repo: GitReader | string, options: StagedOptions): HistoryScan {
  const facts = emptyFacts();
  if (typeof repo !== 'string') return { items: indexItems(repo, options, facts), facts: () => facts };
  const items = async function* (): AsyncGenerator<SourceItem> {
    const reader = await openRepository(repo, options.engine ? { engine: options.engine } : {});
    try {
      yield* indexItems(reader, options, facts);
    } finally {
      await reader.close();
    }
  };
  return { items: items(), facts: () => facts };
}

function indexItems(reader: GitReader, options: StagedOptions, facts: HistoryFacts): AsyncGenerator<SourceItem> {
  const queue = new SlotQueue();
  const blobs = new BlobItems(reader, queue, options);
  return trackedItems(queue, blobs, async () => {
    facts.headCommit = (await reader.head()).commit;
    for (const entry of await reader.index()) {
      const type = entry.mode === '160000' ? 'commit' : 'blob';
      await queue.push(blobs.slotFor({ mode: entry.mode, oid: entry.oid, type }, { kind: 'staged', path: entry.path }));
    }
  });
}
