import type { Run } from '../model/types'
import { encodeColumn } from './column-codec'

/**
 * A digest of everything a run holds as the store keeps it (fields, declarations, failures and every
 * column's stored bytes), but not where it is kept (its id and number): the same run copied to
 * another store has the same checksum. `migrate` skips runs whose checksum the target has, and
 * verifies each copy by it.
 */
export function runChecksum(run: Run): string {
  const h = new Bun.CryptoHasher('sha256')
  const fields = {
    benchmark: run.benchmark,
    title: run.title,
    description: run.description,
    postDescription: run.postDescription,
    tag: run.tag,
    time: run.time,
    timeLabel: run.timeLabel,
    commit: run.commit,
    branch: run.branch,
    repeats: run.repeats,
    inputs: run.inputs,
    consts: run.consts,
    results: run.results,
    failures: run.failures,
    meta: run.meta,
    fingerprint: run.fingerprint ?? null,
  }
  h.update(JSON.stringify(fields))
  for (const r of run.results) {
    const { encoding, data } = encodeColumn(run.data[r.name] ?? [])
    // Length first, so that no two sequences of columns give the same bytes.
    h.update(`\n${r.name}\n${encoding}\n${data.byteLength}\n`)
    h.update(data)
  }
  return h.digest('hex')
}
