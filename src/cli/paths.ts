import { join, resolve } from 'node:path'
import { stringOption, type CommandIO, type ParsedArgs } from './command'

export type StorePaths = { cachedir: string; db: string }

/** `--db` wins, then `<--cachedir or $BENCH_PLOT_CACHEDIR or ./cachedir>/bench-plot.sqlite`. */
export function resolveStorePaths(args: ParsedArgs, io: Pick<CommandIO, 'env'>): StorePaths {
  const cachedir = resolve(stringOption(args, 'cachedir') ?? io.env.BENCH_PLOT_CACHEDIR ?? 'cachedir')
  const db = resolve(stringOption(args, 'db') ?? join(cachedir, 'bench-plot.sqlite'))
  return { cachedir, db }
}
