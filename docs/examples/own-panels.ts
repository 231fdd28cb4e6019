// Your own panels beside bench-plot's automatic charts, from a script (docs/format.md#panels).
//
//   bun docs/examples/own-panels.ts [cachedir]
//
// records a small benchmark, then serves it with panels built from the loaded results: a markdown
// summary before the charts, an ECharts chart of the newest run beside the `time` result and a
// table after them. The page follows new runs (`live`): import another run while it is open.
// In your own project, import from 'bench-plot' instead of the relative path.
import { openStore, plotServer, type Benchmark } from '../../src/index'

const cachedir = process.argv[2] ?? 'cachedir'

// 1. Record two runs (a real script would measure here).
const store = await openStore(`${cachedir}/bench-plot.sqlite`)
for (const [day, scale] of [['2026-11-20', 1], ['2026-11-21', 0.8]] as const) {
  await store.record({
    benchmark: 'sort',
    title: `Sorting on ${day}`,
    time: `${day}T09:00:00Z`,
    inputs: [{ name: 'n', values: [1000, 10000, 100000] }, { name: 'algo', values: ['quick', 'merge'] }],
    results: [{ name: 'time', units: 's' }],
    samples: [1000, 10000, 100000].flatMap((n) =>
      ['quick', 'merge'].map((algo) => ({ inputs: { n, algo }, results: { time: scale * n * Math.log2(n) * (algo === 'quick' ? 1e-9 : 1.3e-9) } })),
    ),
  })
}
await store.close()

// 2. The plot function: called with the loaded benchmark (every run, oldest first), again after a new run is recorded.
function panels(benchmark: Benchmark) {
  const newest = benchmark.runs[benchmark.runs.length - 1]
  const time = newest.data.time as Float64Array
  const algos = newest.inputs[1].values.map(String)
  const sizes = newest.inputs[0].values.map(String)
  // Cells are in C order over (n, algo, repeat): with one repeat, time[i * algos + j].
  const at = (i: number, j: number) => time[i * algos.length + j]
  const ratio = (a: number, b: number) => (Number.isFinite(a / b) ? Number((a / b).toFixed(3)) : null)
  return [
    { kind: 'markdown', place: 'before', title: 'Summary', text: `**${benchmark.runs.length} runs** of *${benchmark.name}*; the newest is "${newest.title}".` },
    {
      kind: 'echarts',
      place: 'result:time',
      title: 'Merge sort over quick sort',
      option: {
        xAxis: { type: 'category', data: sizes, name: 'n' },
        yAxis: { type: 'value', name: 'ratio' },
        // Panels are plain JSON: a ratio that cannot be taken (a missing cell) is null, never NaN.
        series: [{ type: 'bar', name: 'merge / quick', data: sizes.map((_, i) => ratio(at(i, 1), at(i, 0))) }],
      },
    },
    {
      kind: 'table',
      place: 'after',
      title: 'Every run',
      columns: ['run', 'title', 'time'],
      rows: benchmark.runs.map((r) => [r.id ?? null, r.title, r.time]),
    },
  ]
}

// 3. Serve: the page shows the automatic charts and these panels. Stop with Ctrl-C.
const server = await plotServer('sort', { cachedir, panels, live: true })
console.log(`Serving sort at ${server.url}`)
const stop = async () => {
  await server.stop()
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
