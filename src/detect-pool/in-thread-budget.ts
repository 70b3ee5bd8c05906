// A time budget for work done in the scan's own thread. A worker stuck on a blob can be
// terminated; the scan's own thread cannot be, but V8 can interrupt the code running in it:
// node:vm's `timeout` starts a watchdog that terminates the running script when the time is
// up — a regex deep in backtracking included — and turns that into an exception here. The job
// is a function of this realm called from a one-line script; the context is made once per pool.
//
// A stopped job does NOT run its own `finally` blocks: the watchdog ends the script, not with a
// throw the job could catch. Budgeted code must therefore not rely on its own `finally` to put
// process-wide state back; run() restores what such code is known to touch (Error.stackTraceLimit,
// which the quiet YAML parse lowers) in its own `finally`.
import { createContext, Script } from 'node:vm';

export type Budgeted<T> = { done: true; value: T } | { done: false };

export interface InThreadBudget {
  /** Runs `job` synchronously; `done: false` when it was stopped after `budgetMs`. */
  run<T>(job: () => T, budgetMs: number): Budgeted<T>;
}

const TIMEOUT_CODE = 'ERR_SCRIPT_EXECUTION_TIMEOUT';

export function createInThreadBudget(): InThreadBudget {
  const context = createContext({ job: undefined as (() => unknown) | undefined });
  const script = new Script('job()', { filename: 'leakhound-in-thread-budget' });
  return {
    run<T>(job: () => T, budgetMs: number): Budgeted<T> {
      context.job = job;
      const stackTraceLimit = Error.stackTraceLimit;
      try {
        return { done: true, value: script.runInContext(context, { timeout: Math.max(1, Math.ceil(budgetMs)) }) as T };
      } catch (err) {
        if ((err as { code?: unknown } | null)?.code === TIMEOUT_CODE) return { done: false };
        throw err;
      } finally {
        context.job = undefined;
        Error.stackTraceLimit = stackTraceLimit;
      }
    },
  };
}
