// The first page of a big run, two executables alternated on fresh servers of the same store: the
// server's main-thread CPU from the request to the page's last byte (`/proc/<pid>/task/<pid>/schedstat`,
// steadier than wall time while other work shares the machine) and its peak RSS (VmHWM) after it.
//
//   bun scripts/bench/first-page-ab.ts BASE_EXE NEW_EXE DB NAME [REPS]
import { mainThreadCpu, median, residentMemory, startServer } from './process'

const [base, next, db, name, repsArg] = process.argv.slice(2)
if (!base || !next || !db || !name) {
  console.error('usage: bun scripts/bench/first-page-ab.ts BASE_EXE NEW_EXE DB NAME [REPS]')
  process.exit(2)
}
const reps = Number(repsArg ?? 7)
type Figures = { cpu: number[]; wall: number[]; peak: number[]; bytes: number[] }
const figures = new Map<string, Figures>([base, next].map((b) => [b, { cpu: [], wall: [], peak: [], bytes: [] }]))
const mainThreadCpuMs = (pid: number) => mainThreadCpu(pid) * 1000
for (let i = 0; i < reps; i++) {
  for (const exe of i % 2 === 0 ? [base, next] : [next, base]) {
    const server = await startServer([exe, name, '--db', db, '--no-open'])
    try {
      const f = figures.get(exe) as Figures
      await Bun.sleep(300)
      const cpu0 = mainThreadCpuMs(server.proc.pid)
      const t0 = performance.now()
      const body = await (await fetch(`${server.url}b/${encodeURIComponent(name)}`)).arrayBuffer()
      f.wall.push(performance.now() - t0)
      f.cpu.push(mainThreadCpuMs(server.proc.pid) - cpu0)
      f.bytes.push(body.byteLength)
      f.peak.push((residentMemory(server.proc.pid)?.peak ?? Number.NaN) / 2 ** 20)
    } finally {
      await server.stop()
    }
  }
}
const row = (label: string, exe: string) => {
  const f = figures.get(exe) as Figures
  const list = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(' ')
  return `${label.padEnd(5)} CPU ${median(f.cpu).toFixed(1)} ms [${list(f.cpu)}], wall ${median(f.wall).toFixed(1)} ms, peak RSS ${median(f.peak).toFixed(1)} MiB [${f.peak.map((x) => x.toFixed(1)).join(' ')}], ${median(f.bytes)} bytes`
}
console.log(`median of ${reps}:\n${row('base', base)}\n${row('new', next)}`)
const ratio = (k: keyof Figures) => median((figures.get(next) as Figures)[k]) / median((figures.get(base) as Figures)[k])
console.log(`new/base: CPU ${ratio('cpu').toFixed(3)}, wall ${ratio('wall').toFixed(3)}, peak RSS ${ratio('peak').toFixed(3)}`)
