// The wide-store reference, in a process of its own: one raw SELECT of what the index needs (issue 20: run
// headers and the latest point means): every run's header, and the point means of each benchmark's latest
// run, read with `.values()` on a fresh read-only connection.
// Prints { rows, select: [seconds…] }.
//
//   bun scripts/bench/wide-reference.ts STORE REPS
import { Database } from 'bun:sqlite'

const [path, repsArg] = process.argv.slice(2)
const reps = Number(repsArg ?? 3)
if (!path || !(reps >= 1)) {
  console.error('usage: bun scripts/bench/wide-reference.ts STORE REPS')
  process.exit(2)
}
// Point means of the latest run (by time, then seq) of each benchmark only: what the index shows as its latest values.
const sql = `SELECT b.name, r.id, r.title, r.time, r.time_label, r.git_commit, r.repeats, r.sample_count,
    (SELECT group_concat(res.name) FROM results res WHERE res.run_id = r.id) AS results,
    CASE WHEN r.id = latest.id THEN (SELECT pm.data FROM point_means pm WHERE pm.run_id = r.id AND pm.result_position = 0) END AS means0,
    CASE WHEN r.id = latest.id THEN (SELECT pm.data FROM point_means pm WHERE pm.run_id = r.id AND pm.result_position = 1) END AS means1
  FROM runs r JOIN benchmarks b ON b.id = r.benchmark_id
  JOIN (SELECT benchmark_id, id FROM (SELECT benchmark_id, id, row_number() OVER (PARTITION BY benchmark_id ORDER BY time DESC, seq DESC) AS k FROM runs) WHERE k = 1) latest
    ON latest.benchmark_id = r.benchmark_id
  ORDER BY b.name, r.time, r.seq`
const out = { rows: 0, select: [] as number[] }
for (let rep = 0; rep < reps; rep++) {
  const db = new Database(path, { readonly: true })
  const t0 = performance.now()
  const rows = db.query(sql).values()
  out.select.push((performance.now() - t0) / 1000)
  out.rows = rows.length
  db.close()
}
console.log(JSON.stringify(out))
