// The bench's export figures (issue 17): `bench-plot export` of one benchmark against a fresh server
// asked for the same files, one by one.
import { readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { startServer, timeCommand } from './process'

export type ExportFigures = {
  /** `bench-plot export <name> --out DIR --no-media` from exec to exit. */
  seconds: number
  /** Bytes of the files it wrote. */
  bytes: number
  files: number
  /** A fresh server answering the same files' URLs in turn, first request to last byte (start-up excluded). */
  serverSeconds: number
  /** Bytes of those answers, content encoding undone. */
  serverBytes: number
}

/** Export `name` from `db` once, then ask a fresh server for every file the report holds. */
export async function measureExport(bin: string, db: string, name: string, dir: string): Promise<ExportFigures> {
  const out = join(dir, 'report')
  rmSync(out, { recursive: true, force: true })
  const { seconds } = await timeCommand([bin, 'export', name, '--out', out, '--no-media', '--db', db], { cwd: dir })
  const written = readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(out, f)).isFile())
  const urls = written.map((f) => serverUrl(f.split('\\').join('/'), name))
  const unknown = written.filter((_, i) => urls[i] === null)
  if (unknown.length > 0) throw new Error(`the bench does not know the server URL of ${unknown.slice(0, 3).join(', ')}`)
  const bytes = written.reduce((n, f) => n + statSync(join(out, f)).size, 0)
  rmSync(out, { recursive: true, force: true })
  const server = await startServer([bin, name, '--db', db, '--no-open'], { cwd: dir })
  try {
    let serverBytes = 0
    const t0 = performance.now()
    for (const url of urls as string[]) {
      const res = await fetch(new URL(url, server.url), { headers: { 'accept-encoding': 'identity' } })
      if (!res.ok) throw new Error(`${url}: ${res.status}`)
      serverBytes += (await res.arrayBuffer()).byteLength
    }
    const serverSeconds = (performance.now() - t0) / 1000
    return { seconds, bytes, files: written.length, serverSeconds, serverBytes }
  } finally {
    await server.stop()
  }
}

/**
 * The server's URL of a report file, read back from its name (src/view/links.ts, `staticLinks`):
 * the report of one benchmark served as the server's routes name the same page.
 */
export function serverUrl(file: string, name: string): string | null {
  const b = `/b/${encodeURIComponent(name)}`
  if (file === 'index.html') return '/'
  if (file === 'benchmarks.json') return '/api/benchmarks'
  if (file.startsWith('assets/')) return `/${file}`
  if (file === 'rerun/embed.js') return '/rerun/embed.js'
  const inside = file.match(/^b\/[^/]+\/(.+)$/)?.[1]
  if (!inside) return null
  if (inside === 'index.html') return b
  if (inside === 'benchmark.json') return `/api/benchmarks/${encodeURIComponent(name)}`
  let m = inside.match(/^samples-(\d+)\.csv$/)
  if (m) return `/api/benchmarks/${encodeURIComponent(name)}/runs/${m[1]}/samples.csv`
  m = inside.match(/^run-(\d+)(?:-vs-(\d+|none))?(?:-page-(\d+))?\.html$/)
  if (m) return `${b}?run=${m[1]}${m[2] ? `&vs=${m[2]}` : ''}${m[3] ? `&page=${m[3]}` : ''}`
  m = inside.match(/^history(?:-(\d+))?(?:-point-(\d+))?(-date)?\.html$/)
  if (m) return `${b}?view=history${m[1] ? `&history=${m[1]}` : ''}${m[2] ? `&point=${m[2]}` : ''}${m[3] ? '&x=date' : ''}`
  m = inside.match(/^compare-(\d+)-(\d+)\.html$/)
  if (m) return `${b}/compare?a=${m[1]}&b=${m[2]}`
  m = inside.match(/^charts\/(r\d+s\d+(?:p\d+)?)-run-(\d+)(?:-vs-(\d+))?(-frame\.html|\.js|\.svg)$/)
  if (m) {
    const query = `?run=${m[2]}&vs=${m[3] ?? 'none'}`
    if (m[4] === '.svg') return `${b}/figure/${m[1]}${query}`
    return `${b}/chart/${m[1]}${query}${m[4] === '-frame.html' ? '&frame=1' : ''}`
  }
  return null
}
