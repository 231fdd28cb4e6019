// Starting, timing and sampling the processes the benchmark measures.
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'

/** A server started from its executable, with the times (performance.now(), ms) of exec and of its ready line. */
export type StartedServer = {
  url: string
  proc: Bun.Subprocess<'ignore', 'pipe', 'pipe'>
  spawnedAt: number
  readyAt: number
  output: () => string
  stop: () => Promise<void>
}

/** Environment of every measured process: no PATH, so neither can lean on bun or node; a HOME of its own. */
export function quietEnv(home: string = tmpdir()): Record<string, string> {
  return { PATH: '/nonexistent', HOME: home, NO_COLOR: '1' }
}

/**
 * Exec `cmd` and wait for its `Serving <name> at <url>` line on stdout. Both pipes are drained
 * afterwards, so that a server logging every request never blocks on a full pipe.
 */
export async function startServer(cmd: string[], opts: { cwd?: string; timeoutMs?: number } = {}): Promise<StartedServer> {
  const spawnedAt = performance.now()
  const proc = Bun.spawn(cmd, { cwd: opts.cwd, env: quietEnv(opts.cwd), stdin: 'ignore', stdout: 'pipe', stderr: 'pipe' })
  let out = ''
  let err = ''
  const decoder = new TextDecoder()
  void (async () => {
    for await (const chunk of proc.stderr) err += decoder.decode(chunk)
  })()
  const reader = proc.stdout.getReader()
  const ready = /Serving .* at (https?:\/\/\S+)\s*\n/
  const deadline = spawnedAt + (opts.timeoutMs ?? 30000)
  let timer: Timer | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${cmd.join(' ')} printed no "Serving" line within ${opts.timeoutMs ?? 30000} ms`)), deadline - performance.now())
  })
  try {
    while (!ready.test(out)) {
      const { value, done } = await Promise.race([reader.read(), timeout])
      if (done) throw new Error(`${cmd.join(' ')} exited with ${await proc.exited} before serving: ${out}${err}`)
      out += decoder.decode(value)
    }
  } catch (e) {
    proc.kill('SIGKILL')
    throw e
  } finally {
    clearTimeout(timer)
  }
  const readyAt = performance.now()
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read()
      if (done) break
      // Keep only the head of the log: a server logging every request under load would fill memory.
      if (out.length < 65536) out += decoder.decode(value)
    }
  })()
  const url = (out.match(ready) as RegExpMatchArray)[1]
  return {
    url,
    proc,
    spawnedAt,
    readyAt,
    output: () => out + err,
    stop: async () => {
      proc.kill('SIGTERM')
      const exited = await Promise.race([proc.exited, Bun.sleep(3000).then(() => null)])
      if (exited === null) {
        proc.kill('SIGKILL')
        await proc.exited
      }
    },
  }
}

/** Run a command to completion; returns its wall time in seconds. Throws with its output when it fails. */
export async function timeCommand(cmd: string[], opts: { cwd?: string } = {}): Promise<{ seconds: number; stdout: string }> {
  const t0 = performance.now()
  const proc = Bun.spawn(cmd, { cwd: opts.cwd, env: quietEnv(opts.cwd), stdin: 'ignore', stdout: 'pipe', stderr: 'pipe' })
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited])
  const seconds = (performance.now() - t0) / 1000
  if (code !== 0) throw new Error(`${cmd.join(' ')} exited with ${code}: ${stdout}${stderr}`)
  return { seconds, stdout }
}

/** Peak (VmHWM) and current (VmRSS) resident memory of a process, in bytes, from /proc. Null off Linux. */
export function residentMemory(pid: number): { peak: number; current: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = (key: string) => Number(status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'))?.[1] ?? Number.NaN) * 1024
    return { peak: kb('VmHWM'), current: kb('VmRSS') }
  } catch {
    return null
  }
}

/** CPU time of a process's main thread so far, in seconds (the scheduler's own count, steadier than wall time on a busy machine). NaN off Linux. */
export function mainThreadCpu(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e9
  } catch {
    return Number.NaN
  }
}

/** One GET timed: seconds to the response headers (first byte) and to the end of the body. */
export async function timedGet(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: Uint8Array; ttfb: number; total: number; url: string; startedAt: number; firstByteAt: number }> {
  const startedAt = performance.now()
  const res = await fetch(url, { headers, redirect: 'follow', signal: AbortSignal.timeout(120_000) })
  const firstByteAt = performance.now()
  const body = new Uint8Array(await res.arrayBuffer())
  const endedAt = performance.now()
  return { status: res.status, headers: res.headers, body, ttfb: (firstByteAt - startedAt) / 1000, total: (endedAt - startedAt) / 1000, url: res.url, startedAt, firstByteAt }
}

/** The median of a list of numbers (NaN when empty). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN
  const s = [...xs].sort((x, y) => x - y)
  const mid = s.length >> 1
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}
