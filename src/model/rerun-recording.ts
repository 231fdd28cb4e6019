// What a rerun recording (`.rrd`) file is, read from its bytes without decoding any message: the
// RRF2 header, the version of rerun that wrote it, and whether its frames run to the end of the file.
// Layout (rerun `re_log_encoding`): "RRF2", version [major, minor, patch, 0], 4 bytes of encoding
// options, then frames of { kind u64 LE, len u64 LE, len bytes } until a frame of kind 0 (End). Since
// 0.25 an End frame is followed by a footer ending in "RRF2FOOT" + u32; 0.23 files may stop at a frame
// boundary with no End frame. A file may hold several such streams one after the other.

/** Reads bytes of a recording: a file on disk for the server, an array in tests. */
export type ByteSource = {
  size: number
  /** Up to `length` bytes at `offset` (fewer at the end of the source). */
  read(offset: number, length: number): Uint8Array
}

type RerunVersion = { major: number; minor: number; patch: number }

/** The rerun versions a viewer reads, by major and minor (patch releases share a format). */
export type ViewerRange = { min: RerunVersion; max: RerunVersion }

type RecordingStatus = 'ok' | 'missing' | 'not-rrd' | 'too-old' | 'too-new' | 'truncated' | 'damaged'

export type RecordingCheck = {
  status: RecordingStatus
  /** The version in the header, when there is one. */
  version: string | null
  /** What is wrong, for a person, in the page's own words; null when the recording is fine. */
  problem: string | null
  /** Whether the viewer is worth starting on it: fine, or only newer than the viewer. */
  viewable: boolean
}

/** What `@rerun-io/web-viewer` 0.33 reads: 0.23 (the first protobuf-era format) up to its own 0.33. */
export const embeddedViewerRange: ViewerRange = { min: { major: 0, minor: 23, patch: 0 }, max: { major: 0, minor: 33, patch: 0 } }

const magic = [0x52, 0x52, 0x46, 0x32] // "RRF2"
const footerMagic = [0x52, 0x52, 0x46, 0x32, 0x46, 0x4f, 0x4f, 0x54] // "RRF2FOOT"
const streamHeaderBytes = 12
const frameHeaderBytes = 16
/** Frame kinds rerun writes: End, SetStoreInfo, ArrowMsg, BlueprintActivationCommand. */
const maxFrameKind = 3

/**
 * Check a recording's header, version and frames. `name` is how the file is called in messages;
 * `range` is what the viewer reads, or null for a viewer of unknown version (only too old is refused then).
 */
export function checkRecording(src: ByteSource, name: string, range: ViewerRange | null = embeddedViewerRange): RecordingCheck {
  let offset = 0
  let first: RerunVersion | null = null
  while (true) {
    const head = src.read(offset, streamHeaderBytes)
    if (!startsWith(head, magic)) return bad('not-rrd', null, `${name} is not a rerun recording: it does not start with the RRF2 header.`)
    if (head.length < 8) return bad('truncated', null, `${name} is truncated: it ends inside the RRF2 header.`)
    const version = { major: head[4], minor: head[5], patch: head[6] }
    first ??= version
    if (range && compare(version, range.min) < 0) {
      return bad('too-old', version, `${name} was written by rerun ${format(version)}, older than this viewer reads (${span(range)}): record it again with rerun ${range.min.major}.${range.min.minor} or newer.`)
    }
    if (!range && compare(version, embeddedViewerRange.min) < 0) {
      return bad('too-old', version, `${name} was written by rerun ${format(version)}, older than rerun's web viewer reads (${format(embeddedViewerRange.min)} and newer).`)
    }
    if (head.length < streamHeaderBytes) return bad('truncated', version, `${name} is truncated: it ends inside the RRF2 header.`)
    const end = walkFrames(src, offset + streamHeaderBytes)
    if (end.kind === 'truncated') {
      return bad('truncated', version, `${name} is truncated: it ends inside a message (at byte ${src.size}; the message needs ${end.needed} bytes more). The recording was not finished.`)
    }
    if (end.kind === 'bad-kind') return bad('damaged', version, `${name} is damaged: a frame of unknown kind ${end.frameKind} at byte ${end.at}.`)
    if (end.kind === 'eof') break
    // After an End frame: the file ends, another stream follows, or a footer ends it.
    offset = end.at
    if (offset === src.size) break
    const next = src.read(offset, 8)
    if (startsWith(next, magic) && !startsWith(next, footerMagic)) continue
    if (isFooter(src, offset)) break
    return bad('damaged', first, `${name} is damaged: unexpected bytes after the end of its recording, at byte ${offset} of ${src.size}.`)
  }
  const v = first as RerunVersion
  if (range && compare(v, range.max) > 0) {
    return {
      status: 'too-new',
      version: format(v),
      problem: `${name} was written by rerun ${format(v)}, newer than this viewer (${span(range)}): it may not show everything. A newer viewer can be named with --rerun-viewer-url.`,
      viewable: true,
    }
  }
  return { status: 'ok', version: format(v), problem: null, viewable: true }
}

/** The check of a file that is not there. */
export function missingRecording(name: string): RecordingCheck {
  return bad('missing', null, `${name} is missing: there is no such file in the cache directory.`)
}


// --- internal ---

type FramesEnd = { kind: 'eof' } | { kind: 'end'; at: number } | { kind: 'truncated'; needed: number } | { kind: 'bad-kind'; at: number; frameKind: number }

// Frame headers only are read: a recording of hundreds of MB costs one small read per frame.
function walkFrames(src: ByteSource, start: number): FramesEnd {
  let at = start
  while (at < src.size) {
    const h = src.read(at, frameHeaderBytes)
    if (h.length < frameHeaderBytes) return { kind: 'truncated', needed: frameHeaderBytes - h.length }
    const view = new DataView(h.buffer, h.byteOffset, h.byteLength)
    const kind = view.getBigUint64(0, true)
    const len = view.getBigUint64(8, true)
    if (kind > BigInt(maxFrameKind)) return { kind: 'bad-kind', at, frameKind: Number(kind) }
    const next = BigInt(at + frameHeaderBytes) + len
    if (next > BigInt(src.size)) return { kind: 'truncated', needed: Number(next - BigInt(src.size)) }
    at = Number(next)
    if (kind === 0n) return { kind: 'end', at }
  }
  return { kind: 'eof' }
}

// The stream footer (0.25+): whatever sits between the End frame and the file's last 12 bytes, "RRF2FOOT" + u32.
function isFooter(src: ByteSource, at: number): boolean {
  if (src.size - at < 12) return false
  return startsWith(src.read(src.size - 12, 8), footerMagic)
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b)
}

function compare(a: RerunVersion, b: RerunVersion): number {
  return a.major - b.major || a.minor - b.minor
}

function format(v: RerunVersion): string {
  return `${v.major}.${v.minor}.${v.patch}`
}

function span(r: ViewerRange): string {
  return `rerun ${r.min.major}.${r.min.minor} to ${r.max.major}.${r.max.minor}`
}

function bad(status: RecordingStatus, version: RerunVersion | null, problem: string): RecordingCheck {
  return { status, version: version ? format(version) : null, problem, viewable: false }
}
