// The naive references, run in a process of their own so that the bench's heap does not weigh on them:
// insert N five-column rows in one transaction, SELECT them back, and read the same numbers as two
// Float64Array BLOBs. Prints one JSON object of timings in seconds: { insert: [], select: [], blob: [] }.
//
//   bun scripts/bench/sqlite-reference.ts ROWS DIR REPS
import { Database } from 'bun:sqlite'
import { rmSync } from 'node:fs'
import { join } from 'node:path'

const [rowsArg, dir, repsArg] = process.argv.slice(2)
const rows = Number(rowsArg)
const reps = Number(repsArg ?? 3)
if (!Number.isInteger(rows) || rows < 1 || !dir) {
  console.error('usage: bun scripts/bench/sqlite-reference.ts ROWS DIR [REPS]')
  process.exit(2)
}

const a = new Float64Array(rows)
const b = new Float64Array(rows)
const cat: string[] = new Array(rows)
const time = new Float64Array(rows)
const memory = new Float64Array(rows)
for (let i = 0; i < rows; i++) {
  a[i] = (i % 200) * 0.25
  b[i] = 1.5 + (i % 250) * 0.1
  cat[i] = `c${i % 4}`
  time[i] = Math.random() * 1e-3
  memory[i] = Math.round(Math.random() * 1e6)
}

const out = { rows, insert: [] as number[], select: [] as number[], blob: [] as number[] }
for (let rep = 0; rep < reps; rep++) {
  const path = join(dir, `reference-${rows}-${rep}.sqlite`)
  rmSync(path, { force: true })

  let t0 = performance.now()
  const db = new Database(path, { create: true })
  db.run('CREATE TABLE samples (a REAL, b REAL, cat TEXT, time REAL, memory REAL)')
  const insert = db.prepare('INSERT INTO samples VALUES (?, ?, ?, ?, ?)')
  db.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run(a[i], b[i], cat[i], time[i], memory[i])
  })()
  insert.finalize()
  db.close()
  out.insert.push((performance.now() - t0) / 1000)

  const setup = new Database(path)
  setup.run('CREATE TABLE columns (name TEXT PRIMARY KEY, data BLOB)')
  const put = setup.prepare('INSERT INTO columns VALUES (?, ?)')
  put.run('time', new Uint8Array(time.buffer))
  put.run('memory', new Uint8Array(memory.buffer))
  put.finalize()
  setup.close()

  const reader = new Database(path, { readonly: true })
  t0 = performance.now()
  const values = reader.query('SELECT a, b, cat, time, memory FROM samples').values()
  out.select.push((performance.now() - t0) / 1000)
  if (values.length !== rows) throw new Error(`reference SELECT gave ${values.length} rows, expected ${rows}`)

  t0 = performance.now()
  const blobs = reader.query('SELECT data FROM columns').values() as [Uint8Array][]
  const cols = blobs.map(([d]) => new Float64Array(d.buffer, d.byteOffset, d.byteLength / 8))
  out.blob.push((performance.now() - t0) / 1000)
  if (cols[0].length !== rows) throw new Error('reference BLOB has the wrong length')
  reader.close()
  rmSync(path, { force: true })
}
console.log(JSON.stringify(out))
