import { statSync } from 'node:fs'
import { join } from 'node:path'
import { pathAfter, resolveInside } from './safe-path'

/**
 * Whether a request for a user file (`/media/…`, `/rrd_static/…`) would serve the store or its
 * -wal, -shm or -journal file. Compared by device and inode, read at each request (a -wal file comes
 * and goes): a store named without `.sqlite`, reached through a hard or symbolic link, is still refused.
 */
export function servesStore(url: string, cachedir: string | null, storeFile: string | null): boolean {
  if (cachedir === null || storeFile === null) return false
  const media = pathAfter(url, '/media')
  const rrd = media === null ? pathAfter(url, '/rrd_static') : null
  const file = media !== null ? resolveInside(cachedir, media) : rrd !== null ? resolveInside(join(cachedir, 'rrd'), rrd) : null
  if (!file) return false
  return ['', '-wal', '-shm', '-journal'].some((suffix) => sameFile(file.stat, storeFile + suffix))
}

// --- internal ---

function sameFile(a: { dev: number; ino: number }, path: string): boolean {
  try {
    const b = statSync(path)
    return a.dev === b.dev && a.ino === b.ino
  } catch {
    return false
  }
}
