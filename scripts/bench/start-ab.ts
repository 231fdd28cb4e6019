// Start time and memory after start of two executables serving the same store, alternated so that the
// machine's load falls on both alike. What the rerun viewer (issue 16) had to leave unchanged: the
// viewer's 14 MB inside the executable must cost nothing until a browser asks for it.
//
//   bun scripts/bench/start-ab.ts BASE_EXE NEW_EXE CACHEDIR NAME [REPS]
import { mainThreadCpu, median, residentMemory, startServer } from './process'

const [base, next, cachedir, name, repsArg] = process.argv.slice(2)
if (!base || !next || !cachedir || !name) {
  console.error('usage: bun scripts/bench/start-ab.ts BASE_EXE NEW_EXE CACHEDIR NAME [REPS]')
  process.exit(2)
}
const reps = Number(repsArg ?? 10)
type Figures = { start: number[]; cpu: number[]; rss: number[]; firstPage: number[]; firstByte: number[]; cpuFirstByte: number[] }
const figures = new Map<string, Figures>([base, next].map((b) => [b, { start: [], cpu: [], rss: [], firstPage: [], firstByte: [], cpuFirstByte: [] }]))
const cpuMs = (pid: number) => mainThreadCpu(pid) * 1000
for (let i = 0; i < reps; i++) {
  for (const exe of i % 2 === 0 ? [base, next] : [next, base]) {
    const server = await startServer([exe, 'serve', name, '--cachedir', cachedir, '--no-open'])
    const f = figures.get(exe) as Figures
    f.start.push(server.readyAt - server.spawnedAt)
    f.cpu.push(cpuMs(server.proc.pid))
    // The bench's cold start: the page asked for at once, timed to its first byte (wall, and the server's CPU by then).
    const page = await fetch(`${server.url}b/${encodeURIComponent(name)}`)
    f.firstByte.push(performance.now() - server.spawnedAt)
    f.cpuFirstByte.push(cpuMs(server.proc.pid))
    await page.arrayBuffer()
    await Bun.sleep(200)
    f.rss.push((residentMemory(server.proc.pid)?.current ?? Number.NaN) / 2 ** 20)
    // A page again, with a query that makes it new to the server's cache: drawn, not served from memory.
    const t = performance.now()
    await (await fetch(`${server.url}b/${encodeURIComponent(name)}?page=1`)).text()
    f.firstPage.push(performance.now() - t)
    await server.stop()
  }
}
const row = (label: string, exe: string) => {
  const f = figures.get(exe) as Figures
  return `${label.padEnd(5)} start ${median(f.start).toFixed(1)} ms (CPU ${median(f.cpu).toFixed(1)} ms), first byte of the page ${median(f.firstByte).toFixed(1)} ms (CPU ${median(f.cpuFirstByte).toFixed(1)} ms), RSS after the first page ${median(f.rss).toFixed(1)} MiB, first page ${median(f.firstPage).toFixed(1)} ms`
}
console.log(`median of ${reps}:\n${row('base', base)}\n${row('new', next)}`)
const ratio = (k: keyof Figures) => median((figures.get(next) as Figures)[k]) / median((figures.get(base) as Figures)[k])
console.log(`new/base: start ${ratio('start').toFixed(3)}, CPU to start ${ratio('cpu').toFixed(3)}, first byte ${ratio('firstByte').toFixed(3)}, CPU to first byte ${ratio('cpuFirstByte').toFixed(3)}, RSS ${ratio('rss').toFixed(3)}, first page ${ratio('firstPage').toFixed(3)}`)
