import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { demoRuns } from '../../demo/benchmarks'
import { demoFiles } from '../../demo/recordings'
import { validateRun } from '../../model/run-format'
import { openStore } from '../../store'
import { stringOption, type Command } from '../command'
import { shellWord, userCacheDir } from '../paths'
import { serveCommand } from './serve'

const { cachedir: _c, db: _d, ...serveFlags } = serveCommand.options

export const demoCommand: Command = {
  name: 'demo',
  summary: 'record the bundled demo benchmarks into a store of their own and serve them',
  usage: 'demo [--cachedir DIR] [--port N] [--host ADDR] [--open | --no-open]',
  options: {
    cachedir: { type: 'string', arg: 'DIR', description: 'where the demo store is written (default: bench-plot/demo in your cache folder, ~/.cache on Linux)' },
    ...serveFlags,
  },
  async run(args, io) {
    // The demo never touches the user's own store, nor another user's demo.
    const cachedir = resolve(stringOption(args, 'cachedir') ?? join(userCacheDir(io.env), 'bench-plot', 'demo'))
    writeDemoFiles(cachedir)
    const store = await openStore(join(cachedir, 'bench-plot.sqlite'))
    try {
      const outcomes = await store.saveRuns(demoRuns().map((run, i) => validateRun(run, { source: 'demo', path: `[${i}]` })))
      const added = outcomes.filter((o) => !o.skipped).length
      io.stderr(`bench-plot: demo store ${store.location} (${added} runs added, ${outcomes.length - added} already there); list and check it with --cachedir ${shellWord(cachedir)}`)
    } finally {
      await store.close()
    }
    return serveCommand.run({ values: { ...args.values, cachedir }, positionals: [] }, io)
  },
}

// --- internal ---

// The recordings the demo's runs refer to; a file already there is left as it is.
function writeDemoFiles(cachedir: string): void {
  for (const f of demoFiles) {
    const dest = join(cachedir, ...f.path.split('/'))
    if (existsSync(dest)) continue
    mkdirSync(dirname(dest), { recursive: true })
    writeFileSync(dest, new Uint8Array(readFileSync(f.from)))
  }
}
