// What both backends share for index rows (see IndexRowMaker): the runs of a benchmark a batch added, with their ids.
import type { Run } from '../model/types'
import type { SaveOutcome } from './types'

/** The runs of `benchmark` that `saveRuns` stored (not skipped), in batch order, each with its new id. */
export function savedOf(benchmark: string, runs: readonly Run[], outcomes: readonly SaveOutcome[]): Run[] {
  return runs.flatMap((run, i) => (run.benchmark === benchmark && !outcomes[i].skipped ? [{ ...run, id: outcomes[i].id }] : []))
}
