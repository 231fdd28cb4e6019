// The reference server: Bun's hello world, compiled the way bench-plot is and started the same way.
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { compileFlags } from '../build/compile-flags'

/** Source of the reference server. It prints the same ready line as bench-plot, so one starter serves both. */
export const helloWorldSource = `const server = Bun.serve({
  hostname: '127.0.0.1',
  port: 0,
  fetch: () => new Response('<!doctype html><title>hello</title><p>Hello, world!</p>', { headers: { 'content-type': 'text/html; charset=utf-8' } }),
})
console.log(\`Serving hello at \${server.url}\`)
`

/**
 * The floor the design sets: a hello world on Elysia with the html plugin (both fixed by design), compiled
 * like bench-plot. Its cold start is what no bench-plot can beat; bench-plot's own start-up is the rest.
 */
export const elysiaHelloSource = `import { Elysia } from 'elysia'
import { html } from '@elysiajs/html'
const app = new Elysia().use(html()).get('/', () => new Response('<!doctype html><title>hello</title><p>Hello, world!</p>', { headers: { 'content-type': 'text/html; charset=utf-8' } }))
const server = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: (request) => app.handle(request) })
console.log(\`Serving hello at \${server.url}\`)
`

/** Source of the floor probe: the Elysia hello world plus the least a benchmark page needs (the store opened, its runs read, a route with the name). */
export const floorProbeSource = `import { Elysia } from 'elysia'
import { html } from '@elysiajs/html'
import { Database } from 'bun:sqlite'
const [name, , db] = process.argv.slice(2)
const store = new Database(db, { readonly: true })
const runs = store.query('SELECT r.id, r.title FROM runs r JOIN benchmarks b ON b.id = r.benchmark_id WHERE b.name = ?').all(name)
if (runs.length === 0) throw new Error('no such benchmark')
const app = new Elysia().use(html()).get('/b/:name', ({ params }) => new Response(\`<!doctype html><title>\${params.name}</title><p>\${runs.length} runs</p>\`, { headers: { 'content-type': 'text/html; charset=utf-8' } }))
const server = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: (request) => app.handle(request) })
console.log(\`Serving \${name} at \${server.url}\`)
`

/**
 * A compiled hello-world server (`source`: Bun's by default), built with `bun build --compile` into
 * `cacheDir` once per Bun version and source text, and reused by later bench runs. `cacheDir` must be
 * inside the project, so that the Elysia one finds its packages.
 */
export function compileHelloWorld(cacheDir: string, source: string = helloWorldSource): string {
  const key = new Bun.CryptoHasher('sha256').update(`${Bun.version}\n${compileFlags.join(' ')}\n${source}`).digest('hex').slice(0, 12)
  const dir = join(cacheDir, `hello-world-${key}`)
  const exe = join(dir, 'hello-world')
  if (existsSync(exe)) return exe
  mkdirSync(dir, { recursive: true })
  // Built under a name of its own and renamed, so that two bench runs starting together never see half a file.
  const file = join(dir, `hello-world-${process.pid}.ts`)
  const partial = `${exe}-${process.pid}.partial`
  writeFileSync(file, source)
  // With bench-plot's own flags (scripts/build/compile-flags.ts).
  const proc = Bun.spawnSync([process.execPath, 'build', ...compileFlags, file, '--outfile', partial], { stdout: 'pipe', stderr: 'pipe' })
  if (proc.exitCode !== 0) throw new Error(`cannot compile the hello-world server: ${proc.stderr.toString()}`)
  renameSync(partial, exe)
  return exe
}
