import { closeSync, openSync, readSync, statSync } from 'node:fs'
import { checkRecording, missingRecording, type RecordingCheck, type ViewerRange } from '../../model/rerun-recording'

/**
 * Check a recording on disk (null: there is no such file). Checks are kept by path, size and
 * modification time, so a page drawn again does not read the frames again.
 */
export function checkRecordingFile(path: string | null, name: string, range: ViewerRange | null): RecordingCheck {
  if (path === null) return missingRecording(name)
  let size: number
  let mtime: number
  try {
    const st = statSync(path)
    size = st.size
    mtime = st.mtimeMs
  } catch {
    return missingRecording(name)
  }
  const key = `${path}\0${size}\0${mtime}\0${name}\0${range ? 'embedded' : 'other'}`
  const known = checks.get(key)
  if (known) return known
  const fd = openSync(path, 'r')
  let check: RecordingCheck
  try {
    check = checkRecording(
      {
        size,
        read(offset, length) {
          const buf = new Uint8Array(Math.max(0, Math.min(length, size - offset)))
          const n = buf.length === 0 ? 0 : readSync(fd, buf, 0, buf.length, offset)
          return buf.subarray(0, n)
        },
      },
      name,
      range,
    )
  } finally {
    closeSync(fd)
  }
  if (checks.size >= maxKept) checks.delete(checks.keys().next().value as string)
  checks.set(key, check)
  return check
}

// --- internal ---

const maxKept = 4096
const checks = new Map<string, RecordingCheck>()
