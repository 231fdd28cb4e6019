import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { isPostgresUrl } from '../store/location'
import { stringOption, type CommandIO, type ParsedArgs } from './command'

type StorePaths = { cachedir: string; db: string }

/**
 * `--db` wins, then `$BENCH_PLOT_DB`, then `<--cachedir or $BENCH_PLOT_CACHEDIR or ./cachedir>/bench-plot.sqlite`.
 * A `postgres://` URL is kept as it is; media and recordings stay under cachedir either way.
 */
export function resolveStorePaths(args: ParsedArgs, io: Pick<CommandIO, 'env'>): StorePaths {
  const cachedir = resolve(stringOption(args, 'cachedir') ?? io.env.BENCH_PLOT_CACHEDIR ?? 'cachedir')
  const given = stringOption(args, 'db') ?? (io.env.BENCH_PLOT_DB || undefined)
  if (given !== undefined && isPostgresUrl(given)) return { cachedir, db: given }
  return { cachedir, db: resolve(given ?? join(cachedir, 'bench-plot.sqlite')) }
}

/**
 * The user's own cache folder: $XDG_CACHE_HOME, else ~/.cache (~/Library/Caches on macOS,
 * %LOCALAPPDATA% on Windows). Per user, unlike the system's temporary folder, where anyone could
 * create the folder first or add runs to it.
 */
export function userCacheDir(env: Record<string, string | undefined>, platform: NodeJS.Platform = process.platform): string {
  if (env.XDG_CACHE_HOME) return resolve(env.XDG_CACHE_HOME)
  const home = env.HOME || homedir()
  if (platform === 'win32') return resolve(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'))
  if (platform === 'darwin') return join(home, 'Library', 'Caches')
  return join(home, '.cache')
}

/** A path as a shell word: quoted only when it has to be. */
export function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`
}
