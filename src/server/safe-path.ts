import { realpathSync, statSync, type Stats } from 'node:fs'
import { isAbsolute, join, sep } from 'node:path'

/** A file found inside a served folder: its real path and stat. */
type ServedFile = { path: string; stat: Stats }

/**
 * Resolve the part of a URL path after a mount point (still percent-encoded, as it came on
 * the wire) to a regular file inside `root`, or null. Refused: `..` and `.` segments (plain or
 * encoded), encoded slashes and backslashes, NUL, absolute paths, and any symbolic link whose
 * target lies outside `root`.
 */
export function resolveInside(root: string, encodedPath: string): ServedFile | null {
  if (/%(2f|5c|00)/i.test(encodedPath) || encodedPath.includes('\\')) return null
  let decoded: string
  try {
    decoded = decodeURIComponent(encodedPath)
  } catch {
    return null
  }
  if (decoded === '' || decoded.startsWith('/') || isAbsolute(decoded) || decoded.includes('\0') || decoded.includes('\\')) return null
  const segments = decoded.split('/')
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return null
  let realRoot: string
  let real: string
  try {
    realRoot = realpathSync(root)
    real = realpathSync(join(realRoot, ...segments))
  } catch {
    return null
  }
  if (!real.startsWith(realRoot + sep)) return null
  try {
    const stat = statSync(real)
    return stat.isFile() ? { path: real, stat } : null
  } catch {
    return null
  }
}

/** The part of a request's path after `prefix`, still encoded; null when the path is not under it. */
export function pathAfter(url: string, prefix: string): string | null {
  const start = url.indexOf('/', url.indexOf('//') + 2)
  const query = url.indexOf('?', start)
  const path = url.slice(start, query === -1 ? undefined : query)
  return path.startsWith(`${prefix}/`) ? path.slice(prefix.length + 1) : null
}

/** A validator that changes when the file does, without reading it: size and modification time. */
export function fileETag(stat: Stats): string {
  return `W/"${stat.size.toString(36)}-${Math.floor(stat.mtimeMs).toString(36)}"`
}
