import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { stringOption, type CommandIO, type ParsedArgs } from './command'

type StorePaths = { cachedir: string; db: string }

/** `--db` wins, then `<--cachedir or $BENCH_PLOT_CACHEDIR or ./cachedir>/bench-plot.sqlite`. */
export function resolveStorePaths(args: ParsedArgs, io: Pick<CommandIO, 'env'>): StorePaths {
  const cachedir = resolve(stringOption(args, 'cachedir') ?? io.env.BENCH_PLOT_CACHEDIR ?? 'cachedir')
  const db = resolve(stringOption(args, 'db') ?? join(cachedir, 'bench-plot.sqlite'))
  return { cachedir, db }
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
