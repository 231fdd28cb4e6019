import { BenchPlotError } from '../../errors'
import { formatQuantity } from '../../format'
import { openReadStore } from '../../store'
import { storeOptions, stringOption, type Command } from '../command'
import { resolveStorePaths } from '../paths'

export const exportCommand: Command = {
  name: 'export',
  summary: 'write the pages of benchmarks as files that open with no server (a CI artifact), or one benchmark as one HTML file',
  usage: 'export [name...] --out DIR [--force] [--no-media] | export name --single-file FILE.html [--force]',
  options: {
    out: { type: 'string', arg: 'DIR', description: 'the report folder: DIR/index.html and one folder per benchmark' },
    'single-file': { type: 'string', arg: 'FILE', description: 'one HTML file holding one benchmark\'s pages, charts and styles' },
    force: { type: 'boolean', description: 'replace DIR (or FILE) when it is not empty' },
    'no-media': { type: 'boolean', description: 'leave out images, videos, files, rerun recordings and the rerun viewer (the pages say so)' },
    ...storeOptions,
  },
  async run(args, io) {
    const out = stringOption(args, 'out')
    const single = stringOption(args, 'single-file')
    if ((out === undefined) === (single === undefined)) throw new BenchPlotError('USAGE', 'export needs one of --out DIR or --single-file FILE.html (see bench-plot export --help)')
    if (single !== undefined && args.positionals.length !== 1) throw new BenchPlotError('USAGE', `--single-file holds one benchmark: name it (got ${args.positionals.length} names)`)
    if (single !== undefined && args.values['no-media']) throw new BenchPlotError('USAGE', '--no-media is for --out: a single file holds no media')
    const { cachedir, db } = resolveStorePaths(args, io)
    // Loaded here: other commands need not pay for the pages and ECharts.
    const { exportReport, writeSingleFile } = await import('../../export')
    const { storeSource } = await import('../../server/source')
    const store = await openReadStore(db)
    try {
      const source = storeSource(store)
      const force = args.values.force === true
      if (single !== undefined) {
        const bytes = await writeSingleFile({ source, name: args.positionals[0], file: single, force, cachedir, location: db })
        io.stdout(`Wrote ${single} (${formatQuantity(bytes, 'B')})`)
      } else {
        const r = await exportReport({ source, names: args.positionals, out: out as string, force, media: args.values['no-media'] !== true, cachedir, location: db })
        io.stdout(`Wrote ${out}: ${r.files.length} files, ${formatQuantity(r.bytes, 'B')}${args.values['no-media'] ? ' (no media)' : ''}`)
      }
    } finally {
      await store.close()
    }
    return 0
  },
}
