import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { openStore, type Store } from '../../src/store'
import { madeDir } from './temp-dirs'

/** The compiled executable under test; `bun run test` builds it first. */
export const binPath = resolve(import.meta.dir, '../../bench-plot')

export type BinResult = { code: number; stdout: string; stderr: string }

/** A fresh temporary folder for one test's store and files, removed when the test run's process exits. */
export function tempDir(prefix = 'bench-plot-test-'): string {
  return madeDir(mkdtempSync(join(tmpdir(), prefix)))
}

/**
 * A fresh folder (tempDir) whose store sits where the binary run in it looks first,
 * cachedir/bench-plot.sqlite, holding what `write` records; the store is closed again.
 */
export async function folderWithStore(write: (store: Store, dir: string) => Promise<void>): Promise<string> {
  const dir = tempDir()
  const store = await openStore(join(dir, 'cachedir', 'bench-plot.sqlite'))
  await write(store, dir)
  await store.close()
  return dir
}

/** How to start an executable other than ./bench-plot, e.g. `['qemu-aarch64', '-L', ..., 'dist/bench-plot-linux-arm64']`. */
export type Exec = { exec?: string[] }

/** Run the compiled binary to completion. PATH is cleared so that it cannot lean on bun or node. */
export async function runBin(args: string[], opts: { cwd?: string; stdin?: string; env?: Record<string, string> } & Exec = {}): Promise<BinResult> {
  const proc = Bun.spawn([...(opts.exec ?? [binPath]), ...args], {
    cwd: opts.cwd,
    env: { PATH: '/nonexistent', HOME: opts.cwd ?? tmpdir(), ...opts.env },
    stdin: opts.stdin === undefined ? 'ignore' : new Blob([opts.stdin]),
    stdout: 'pipe',
    stderr: 'pipe',
  })
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited])
  return { code, stdout, stderr }
}

export type ServerProcess = { url: string; port: number; proc: Bun.Subprocess<'ignore', 'pipe', 'pipe'>; stderr: () => string; stop: () => Promise<number> }

/** Start `bench-plot serve ...` and wait for its `Serving <name> at <url>` line. */
export async function startServer(args: string[], opts: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } & Exec = {}): Promise<ServerProcess> {
  const proc = Bun.spawn([...(opts.exec ?? [binPath]), ...args], {
    cwd: opts.cwd,
    env: { PATH: '/nonexistent', HOME: opts.cwd ?? tmpdir(), ...opts.env },
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
  })
  let err = ''
  void (async () => {
    for await (const chunk of proc.stderr) err += new TextDecoder().decode(chunk)
  })()
  const reader = proc.stdout.getReader()
  let out = ''
  const deadline = Date.now() + (opts.timeoutMs ?? 20000)
  while (!/Serving .* at (http:\/\/\S+)\n/.test(out)) {
    if (Date.now() > deadline) {
      proc.kill()
      throw new Error(`server did not start: ${out} ${err}`)
    }
    const { value, done } = await reader.read()
    if (done) throw new Error(`server exited (${await proc.exited}): ${out} ${err}`)
    out += new TextDecoder().decode(value)
  }
  reader.releaseLock()
  const url = (out.match(/Serving .* at (http:\/\/\S+)\n/) as RegExpMatchArray)[1]
  return {
    url,
    port: Number(new URL(url).port),
    proc,
    stderr: () => err,
    stop: async () => {
      proc.kill('SIGTERM')
      return proc.exited
    },
  }
}
