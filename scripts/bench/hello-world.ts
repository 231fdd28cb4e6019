// The reference server: Bun's hello world, compiled the way bench-plot is and started the same way.
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** Source of the reference server. It prints the same ready line as bench-plot, so one starter serves both. */
export const helloWorldSource = `const server = Bun.serve({
  hostname: '127.0.0.1',
  port: 0,
  fetch: () => new Response('<!doctype html><title>hello</title><p>Hello, world!</p>', { headers: { 'content-type': 'text/html; charset=utf-8' } }),
})
console.log(\`Serving hello at \${server.url}\`)
`

/**
 * The compiled hello-world server, built with `bun build --compile` into `cacheDir` once per Bun version
 * and source text, and reused by later bench runs.
 */
export function compileHelloWorld(cacheDir: string): string {
  const key = new Bun.CryptoHasher('sha256').update(`${Bun.version}\n${helloWorldSource}`).digest('hex').slice(0, 12)
  const dir = join(cacheDir, `hello-world-${key}`)
  const exe = join(dir, 'hello-world')
  if (existsSync(exe)) return exe
  mkdirSync(dir, { recursive: true })
  // Built under a name of its own and renamed, so that two bench runs starting together never see half a file.
  const source = join(dir, `hello-world-${process.pid}.ts`)
  const partial = `${exe}-${process.pid}.partial`
  writeFileSync(source, helloWorldSource)
  const proc = Bun.spawnSync([process.execPath, 'build', '--compile', '--minify', source, '--outfile', partial], { stdout: 'pipe', stderr: 'pipe' })
  if (proc.exitCode !== 0) throw new Error(`cannot compile the hello-world server: ${proc.stderr.toString()}`)
  renameSync(partial, exe)
  return exe
}
