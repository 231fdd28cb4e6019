import { describe, expect, it } from 'bun:test'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { checkRecording, embeddedViewerRange, missingRecording, type ByteSource } from '../../src/model/rerun-recording'

const fixtures = join(import.meta.dir, '../fixtures/rerun')
const bytesOf = (name: string) => new Uint8Array(readFileSync(join(fixtures, name)))
const source = (bytes: Uint8Array): ByteSource => ({ size: bytes.length, read: (offset, length) => bytes.subarray(offset, offset + length) })
const check = (bytes: Uint8Array, range = embeddedViewerRange) => checkRecording(source(bytes), 'rec.rrd', range)

describe('checkRecording on real recordings', () => {
  it.each([
    ['oracle_text_log.rrd', '0.31.4'],
    ['phase3_scene.rrd', '0.23.0'],
  ])('%s is a complete recording of rerun %s', (file, version) => {
    const c = check(bytesOf(file))
    expect(c).toEqual({ status: 'ok', version, problem: null, viewable: true })
  })

  it('old_0.20.1.rrd is too old for the embedded viewer, and says which versions it reads', () => {
    const c = check(bytesOf('old_0.20.1.rrd'))
    expect(c.status).toBe('too-old')
    expect(c.version).toBe('0.20.1')
    expect(c.viewable).toBe(false)
    expect(c.problem).toContain('rec.rrd was written by rerun 0.20.1, older than this viewer reads (rerun 0.23 to 0.33)')
  })

  it('too old also without a known viewer range', () => {
    expect(checkRecording(source(bytesOf('old_0.20.1.rrd')), 'x', null).status).toBe('too-old')
  })
})

describe('checkRecording on damaged copies of a real recording', () => {
  const oracle = bytesOf('oracle_text_log.rrd')

  it('a copy cut inside a data message is truncated', () => {
    const c = check(oracle.slice(0, 2000))
    expect(c.status).toBe('truncated')
    expect(c.version).toBe('0.31.4')
    expect(c.problem).toMatch(/^rec\.rrd is truncated: it ends inside a message \(at byte 2000;/)
    expect(c.viewable).toBe(false)
  })

  it('a copy cut inside a frame header, and one cut inside the file header, are truncated', () => {
    expect(check(oracle.slice(0, 12 + 8)).status).toBe('truncated')
    expect(check(oracle.slice(0, 6)).status).toBe('truncated')
  })

  it('a 0.23 file cut at a frame boundary is complete (0.23 wrote no End frame), cut one byte later it is not', () => {
    const scene = bytesOf('phase3_scene.rrd')
    // The first frame header is at 12 (kind 1, length 108): the second starts at 136.
    expect(check(scene.slice(0, 136)).status).toBe('ok')
    expect(check(scene.slice(0, 137)).status).toBe('truncated')
  })

  it('random bytes are not a recording', () => {
    const random = new Uint8Array(4096)
    crypto.getRandomValues(random)
    random[0] = 0 // never "R" by chance
    const c = check(random)
    expect(c.status).toBe('not-rrd')
    expect(c.problem).toBe('rec.rrd is not a rerun recording: it does not start with the RRF2 header.')
  })

  it('a header naming a newer rerun is too new but still viewable; with no known range it is fine', () => {
    const newer = oracle.slice()
    newer[5] = 40 // 0.40.4
    const c = check(newer)
    expect(c.status).toBe('too-new')
    expect(c.version).toBe('0.40.4')
    expect(c.viewable).toBe(true)
    expect(c.problem).toContain('newer than this viewer (rerun 0.23 to 0.33)')
    expect(checkRecording(source(newer), 'x', null).status).toBe('ok')
  })

  it('a header naming 0.22 is too old', () => {
    const older = oracle.slice()
    older[5] = 22
    expect(check(older).status).toBe('too-old')
  })

  it('a frame of an unknown kind is damage', () => {
    const bad = oracle.slice()
    bad[12] = 9
    const c = check(bad)
    expect(c.status).toBe('damaged')
    expect(c.problem).toContain('unknown kind 9 at byte 12')
  })

  it('bytes after the End frame that are no footer are damage; a second stream after it is fine', () => {
    // oracle ends with its End frame (up to byte 7564) and a 32-byte footer.
    const end = 7564
    const junk = new Uint8Array([...oracle.slice(0, end), 1, 2, 3, 4, 5, 6, 7, 8])
    expect(check(junk).status).toBe('damaged')
    const twice = new Uint8Array([...oracle.slice(0, end), ...oracle])
    expect(check(twice).status).toBe('ok')
  })

  it('flipped bytes inside a message pass: the payload is not decoded here (the viewer reports an lz4 error)', () => {
    const flipped = oracle.slice()
    for (let i = 2000; i < 2400; i++) flipped[i] ^= 0xff
    // Byte 2000..2400 lies inside the payload of the fourth frame (1191 + 16 .. 2654).
    expect(check(flipped).status).toBe('ok')
  })

  it('reads only frame headers, not payloads', () => {
    const scene = bytesOf('phase3_scene.rrd')
    let read = 0
    const counting: ByteSource = { size: scene.length, read: (o, n) => ((read += Math.min(n, scene.length - o)), scene.subarray(o, o + n)) }
    expect(checkRecording(counting, 'x').status).toBe('ok')
    // 207 frames × 16 bytes + the 12-byte header, against 464,064 bytes of file.
    expect(read).toBe(12 + 207 * 16)
  })
})

describe('missingRecording', () => {
  it('names the file', () => {
    expect(missingRecording('rrd/a.rrd')).toEqual({ status: 'missing', version: null, problem: 'rrd/a.rrd is missing: there is no such file in the cache directory.', viewable: false })
  })
})
