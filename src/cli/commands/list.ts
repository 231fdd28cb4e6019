import { openReadStore } from '../../store'
import { storeOptions, type Command } from '../command'
import { resolveStorePaths } from '../paths'

export const listCommand: Command = {
  name: 'list',
  summary: 'list the stored benchmarks with their number of runs, latest time and title',
  usage: 'list [--json] [options]',
  options: {
    json: { type: 'boolean', description: 'print a JSON array of {name, runs, latest, title}' },
    ...storeOptions,
  },
  async run(args, io) {
    const { db } = resolveStorePaths(args, io)
    const store = await openReadStore(db)
    try {
      const benchmarks = await store.listBenchmarks()
      if (args.values.json) {
        io.stdout(JSON.stringify(benchmarks, null, 2))
        return 0
      }
      if (benchmarks.length === 0) {
        io.stdout(`no benchmarks in ${store.location}`)
        return 0
      }
      const rows = [['NAME', 'RUNS', 'LATEST', 'TITLE'], ...benchmarks.map((b) => [b.name, String(b.runs), b.latest, b.title])]
      const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)))
      for (const r of rows) io.stdout(r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('  '))
      return 0
    } finally {
      await store.close()
    }
  },
}
