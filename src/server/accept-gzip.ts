/**
 * Whether an `Accept-Encoding` header takes gzip: named (or `*`) with a quality above zero, and not
 * refused by a `gzip;q=0` that a `*` would otherwise cover (RFC 9110 §12.5.3).
 */
export function acceptsGzip(header: string | null): boolean {
  // A browser sends the same header with every request: the last one's answer is kept, not parsed again.
  if (header !== lastHeader) {
    lastHeader = header
    lastAnswer = parse(header)
  }
  return lastAnswer
}

// --- internal ---

let lastHeader: string | null = null
let lastAnswer = false

function parse(header: string | null): boolean {
  if (!header) return false
  let gzip: number | null = null
  let any: number | null = null
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';')
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    const quality = q === undefined ? 1 : Number(q.slice(2))
    const value = Number.isFinite(quality) ? quality : 0
    if (name === 'gzip' || name === 'x-gzip') gzip = value
    else if (name === '*') any = value
  }
  return (gzip ?? any ?? 0) > 0
}
