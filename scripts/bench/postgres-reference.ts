// The references of the PostgreSQL figures, with Bun's SQL client alone, in a process of their own:
// `write` stores the newest run's two result columns as bytea in one transaction (what an import
// must at least do); `read` reads the newest run's columns and every run's point means of a store
// (what the first page must at least read). Prints one JSON object of timings in seconds.
//
//   bun scripts/bench/postgres-reference.ts write URL SAMPLES REPS
//   bun scripts/bench/postgres-reference.ts read URL REPS
import { SQL } from 'bun'
import { sweepColumns, sweepShape } from './generate'

const [mode, url, ...rest] = process.argv.slice(2)
const out: number[] = []
if (mode === 'write') {
  const shape = sweepShape(Number(rest[0]))
  const { time, memory } = sweepColumns(shape, shape.runs - 1)
  for (let rep = 0; rep < Number(rest[1] ?? 3); rep++) {
    const t0 = performance.now()
    const sql = new SQL({ url, max: 1 })
    await sql`CREATE TABLE IF NOT EXISTS reference_columns (rep integer, name text, data bytea)`
    await sql.begin(async (tx) => {
      await tx`INSERT INTO reference_columns VALUES (${rep}, 'time', ${new Uint8Array(time.buffer)})`
      await tx`INSERT INTO reference_columns VALUES (${rep}, 'memory', ${new Uint8Array(memory.buffer)})`
    })
    await sql.close()
    out.push((performance.now() - t0) / 1000)
  }
} else if (mode === 'read') {
  for (let rep = 0; rep < Number(rest[0] ?? 3); rep++) {
    const t0 = performance.now()
    const sql = new SQL({ url, max: 1 })
    const columns = (await sql`SELECT data FROM columns WHERE run_id = (SELECT max(id) FROM runs)`) as { data: Uint8Array }[]
    const means = (await sql`SELECT data FROM point_means`) as { data: Uint8Array }[]
    const arrays = [...columns, ...means].map(({ data }) => new Float64Array(data.slice().buffer))
    await sql.close()
    out.push((performance.now() - t0) / 1000)
    if (arrays.length === 0) throw new Error('the store holds no columns')
  }
} else {
  console.error('usage: bun scripts/bench/postgres-reference.ts write URL SAMPLES REPS | read URL REPS')
  process.exit(2)
}
console.log(JSON.stringify(out))
