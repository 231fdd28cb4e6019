import { BenchPlotError } from '../../errors'
import type { Run } from '../../model/types'
import { openReadStore, openStore, type ReadStore, type Store } from '../../store'
import { runChecksum } from '../../store/run-checksum'
import { stringOption, type Command } from '../command'
import { resolveStorePaths } from '../paths'

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'copy every run from one store to another (SQLite or PostgreSQL, either way), verified; again copies only what is missing',
  usage: 'migrate --from FILE|URL --to FILE|URL',
  options: {
    from: { type: 'string', arg: 'FILE|URL', description: 'the store to copy from (a SQLite file or postgres://…), opened read-only' },
    to: { type: 'string', arg: 'FILE|URL', description: 'the store to copy into, created when missing' },
  },
  async run(args, io) {
    const from = stringOption(args, 'from')
    const to = stringOption(args, 'to')
    if (from === undefined || to === undefined) throw new BenchPlotError('USAGE', 'migrate needs --from and --to (a SQLite file or a postgres:// URL each)')
    // Paths as the other commands take --db: a URL as it is, a file relative to here.
    const source = await openReadStore(resolveStorePaths({ values: { db: from }, positionals: [] }, { env: {} }).db)
    let target: Store | undefined
    try {
      target = await openStore(resolveStorePaths({ values: { db: to }, positionals: [] }, { env: {} }).db)
      if (target.location === source.location) throw new BenchPlotError('USAGE', `migrate: --from and --to are the same store (${source.location})`)
      const done = await copyAll(source, target, (line) => io.stderr(line))
      io.stdout(
        `copied ${done.copied} run${done.copied === 1 ? '' : 's'} of ${done.benchmarks} benchmark${done.benchmarks === 1 ? '' : 's'} from ${source.location} to ${target.location} (${done.present} already there); verified ${done.verified} runs by count and checksum`,
      )
      return 0
    } finally {
      await source.close()
      await target?.close()
    }
  },
}

/**
 * Copy every run missing from `target`, oldest first, one transaction per run, keeping each run's id where
 * the target has it free (links to runs stay valid); then check every source run is in the target, unchanged.
 */
export async function copyAll(source: ReadStore, target: Store, progress: (line: string) => void = () => {}): Promise<{ benchmarks: number; copied: number; present: number; verified: number }> {
  let copied = 0
  let present = 0
  let verified = 0
  const benchmarks = await source.listBenchmarks()
  for (const b of benchmarks) {
    const have = await checksumsOf(target, b.name)
    const headers = await source.listRuns(b.name)
    const wanted: string[] = []
    // Each run is copied in a transaction of its own, one behind: the last one copied also writes the
    // benchmark's index row (each run's would read the history again).
    let pending: { id: number; run: Run } | null = null
    const copy = async (p: { id: number; run: Run }, last: boolean) => {
      const [outcome] = await target.saveRuns([p.run], last ? { keepIds: true } : { keepIds: true, indexRow: false })
      // The target's own fingerprint check may find it: a run of the same source file stored separately.
      if (outcome.skipped) progress(`bench-plot: ${b.name}: run ${p.id} not copied: ${outcome.reason} with other data`)
      else copied++
    }
    for (const h of headers) {
      // At most two runs in memory at a time: a store of many large runs is copied in bounded memory.
      const run = await source.getRun(h.id)
      if (!run) throw new BenchPlotError('STORE', `run ${h.id} of "${b.name}" disappeared from ${source.location} while copying`)
      const sum = runChecksum(run)
      wanted.push(sum)
      if (have.has(sum)) {
        present++
        continue
      }
      if (pending) await copy(pending, false)
      pending = { id: h.id, run }
    }
    if (pending) await copy(pending, true)
    const after = await checksumsOf(target, b.name)
    const missing = wanted.filter((sum) => !after.has(sum)).length
    if (missing > 0) throw new BenchPlotError('STORE', `migrate: ${missing} run${missing === 1 ? '' : 's'} of "${b.name}" did not arrive unchanged in ${target.location}`)
    if (after.size < new Set(wanted).size) throw new BenchPlotError('STORE', `migrate: ${target.location} holds fewer runs of "${b.name}" than ${source.location}`)
    verified += wanted.length
    progress(`bench-plot: ${b.name}: ${wanted.length} run${wanted.length === 1 ? '' : 's'} verified`)
  }
  return { benchmarks: benchmarks.length, copied, present, verified }
}

// Checksums of the runs a store holds of a benchmark (none when it has none).
async function checksumsOf(store: ReadStore, name: string): Promise<Set<string>> {
  const sums = new Set<string>()
  for (const h of await store.listRuns(name)) {
    const run = await store.getRun(h.id)
    if (run) sums.add(runChecksum(run))
  }
  return sums
}
