// Cold starts of several servers, alternated round by round (A B C, then C B A), so that the machine's
// load falls on all alike: a start is about 20 ms, and a few in a row on a shared machine swing by
// more than the servers differ. Each start: exec, the ready line, the page asked for at once, timed to
// its first byte; the server's CPU time by then is read from the scheduler (steadier than wall time).
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { basename, join } from 'node:path'
import { mainThreadCpu, median, startServer } from './process'

/** A server to start: its command line and the path asked for first. */
export type ColdStartServer = { label: string; cmd: string[]; path: string }

/** Medians of one server's cold starts: wall time from exec to the first byte (s), and its CPU time by then (s). */
export type ColdStartFigures = { wall: number; cpu: number; starts: number }

export async function measureColdStarts(given: ColdStartServer[], rounds: number, cwd: string): Promise<Record<string, ColdStartFigures>> {
  // Every executable is started from a copy written now. The same bytes start 7-10 % faster from a file
  // just written than from one read back from disk (the page cache maps them differently; measured with
  // the Elysia hello world: a fresh copy against one evicted with fadvise, alternated), and the bench
  // builds bench-plot afresh while the references come from bench/cache: uncopied, the ratio flattered bench-plot.
  const copies = mkdtempSync(join(cwd, 'cold-start-'))
  try {
    const servers = given.map((s, i) => {
      const exe = join(copies, `${i}-${basename(s.cmd[0] as string)}`)
      copyFileSync(s.cmd[0] as string, exe)
      return { ...s, cmd: [exe, ...s.cmd.slice(1)] }
    })
    return await alternate(servers, rounds, cwd)
  } finally {
    rmSync(copies, { recursive: true, force: true })
  }
}

async function alternate(servers: ColdStartServer[], rounds: number, cwd: string): Promise<Record<string, ColdStartFigures>> {
  const wall = new Map<string, number[]>(servers.map((s) => [s.label, []]))
  const cpu = new Map<string, number[]>(servers.map((s) => [s.label, []]))
  for (let round = 0; round < rounds; round++) {
    for (const s of round % 2 === 0 ? servers : [...servers].reverse()) {
      const server = await startServer(s.cmd, { cwd })
      try {
        const response = await fetch(new URL(s.path, server.url))
        const at = performance.now()
        const cpuSeconds = mainThreadCpu(server.proc.pid)
        if (response.status !== 200) throw new Error(`${s.label}: ${s.path} answered ${response.status} on a fresh server`)
        await response.arrayBuffer()
        wall.get(s.label)?.push((at - server.spawnedAt) / 1000)
        cpu.get(s.label)?.push(cpuSeconds)
      } finally {
        await server.stop()
      }
    }
  }
  return Object.fromEntries(servers.map((s) => [s.label, { wall: median(wall.get(s.label) ?? []), cpu: median(cpu.get(s.label) ?? []), starts: rounds }]))
}
