// The wide-store reference, in a process of its own: one raw SELECT of what the index needs, every run's
// header with its results' point means, read with `.values()` on a fresh read-only connection.
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
const sql = `SELECT b.name, r.id, r.title, r.time, r.time_label, r.git_commit, r.repeats, r.sample_count,
    (SELECT group_concat(res.name) FROM results res WHERE res.run_id = r.id) AS results,
    (SELECT pm.data FROM point_means pm WHERE pm.run_id = r.id AND pm.result_position = 0) AS means0,
    (SELECT pm.data FROM point_means pm WHERE pm.run_id = r.id AND pm.result_position = 1) AS means1
  FROM runs r JOIN benchmarks b ON b.id = r.benchmark_id ORDER BY b.name, r.time, r.seq`
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
