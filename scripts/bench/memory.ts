// Memory under sustained load (issue 20): a fresh server is warmed up on its page and its API, its
// resident memory read, then loaded for `seconds` on the same URLs; the memory at the end must stay
// within 10 % of the value after warm-up (nothing grows with the number of requests served).
import { join } from 'node:path'
import { residentMemory, startServer, timedGet } from './process'
import type { TargetResult } from './report'

/** Resident memory of one server before and after sustained load (bytes), and what the load was. */
export type SoakResults = {
  /** Seconds of load after warm-up. */
  seconds: number
  /** Requests answered during the load (page and API together). */
  requests: number
  /** VmRSS after warm-up, after the load, and the largest seen while loading (sampled every second). */
  rssWarm: number
  rssEnd: number
  rssMax: number
  /** VmHWM at the end. */
  rssPeak: number
}

/**
 * Start `serve`, warm it up on `urls` (paths: the page and API answers), then load them for `seconds`:
 * one Bun load client per path (scripts/bench/load.ts), `connections` split between them.
 */
export async function measureSoak(serve: string[], paths: string[], seconds: number, connections: number, cwd: string): Promise<SoakResults> {
  const server = await startServer(serve, { cwd })
  try {
    const urls = paths.map((p) => new URL(p, server.url).href)
    // Warm-up: every URL answered and cached, then a short burst of the same load, so that the JIT's
    // code and the allocator's arenas are in place before the baseline is read.
    for (let i = 0; i < 3; i++) {
      for (const url of urls) {
        const res = await timedGet(url)
        if (res.status !== 200) throw new Error(`${url} answered ${res.status} while warming up`)
      }
    }
    await load(urls, Math.max(1, Math.min(5, seconds / 6)), connections)
    await Bun.sleep(500)
    const rssWarm = rss(server.proc.pid)
    let rssMax = rssWarm
    const sampler = setInterval(() => {
      rssMax = Math.max(rssMax, rss(server.proc.pid))
    }, 1000)
    let requests = 0
    try {
      requests = await load(urls, seconds, connections)
    } finally {
      clearInterval(sampler)
    }
    await Bun.sleep(500)
    const rssEnd = rss(server.proc.pid)
    return { seconds, requests, rssWarm, rssEnd, rssMax: Math.max(rssMax, rssEnd), rssPeak: residentMemory(server.proc.pid)?.peak ?? Number.NaN }
  } finally {
    await server.stop()
  }
}

/** The target: memory after the load within 10 % of its value after warm-up. */
export function soakTarget(size: string, s: SoakResults): TargetResult {
  const score = s.rssEnd / s.rssWarm
  return { name: `RSS after ${s.seconds} s of load vs after warm-up`, size, value: s.rssEnd, reference: s.rssWarm, score, goal: '≤ 1.1×', met: score <= 1.1 }
}

// --- internal ---

function rss(pid: number): number {
  return residentMemory(pid)?.current ?? Number.NaN
}

// Requests answered by every client together; throws when any request failed.
async function load(urls: string[], seconds: number, connections: number): Promise<number> {
  const each = Math.max(1, Math.floor(connections / urls.length))
  const runs = urls.map(async (url) => {
    const proc = Bun.spawn([process.execPath, join(import.meta.dir, 'load.ts'), url, String(each), String(seconds)], { stdout: 'pipe', stderr: 'pipe' })
    const [out, err, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited])
    if (code !== 0) throw new Error(`the Bun load client failed (${code}): ${err}`)
    const r = JSON.parse(out) as { requests: number; errors: number }
    if (r.errors > 0) throw new Error(`the Bun load client saw ${r.errors} failed requests on ${url}`)
    return r.requests
  })
  return (await Promise.all(runs)).reduce((a, b) => a + b, 0)
}
