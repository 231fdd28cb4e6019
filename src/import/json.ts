import { BenchPlotError } from '../errors'

/** A JSON object as read from a file, before its fields are checked. */
export type JsonObject = Record<string, unknown>

/** Throws `BenchPlotError('PARSE')` as `<source>: <path>: <message>`. */
export type Fail = (path: string, message: string) => never

/** A `Fail` for one source file. */
export function failFor(source: string): Fail {
  return (path, message) => {
    throw new BenchPlotError('PARSE', `${source}: ${path ? `${path}: ` : ''}${message}`)
  }
}

/** Whether the text starts like a JSON document (after whitespace and a byte-order mark). */
export function looksLikeJson(text: string): boolean {
  const m = /^[\s\uFEFF]*([{[])/.exec(text.slice(0, 64))
  return m !== null
}

/**
 * Parse JSON, naming the line and column of a syntax error.
 * Bun's own message ("JSON Parse error: Unexpected EOF") has no position, so we find it ourselves.
 */
export function parseJson(text: string, source: string): unknown {
  // Detection has most often parsed this very text already: a big file is parsed once.
  if (lastSniff?.text === text && lastSniff.value !== undefined) return lastSniff.value
  try {
    return JSON.parse(stripBom(text))
  } catch (err) {
    const { offset, reason } = locateJsonError(stripBom(text))
    const { line, column } = lineAndColumn(stripBom(text), offset)
    throw new BenchPlotError('PARSE', `${source}: invalid JSON: ${reason} at line ${line}, column ${column}`, { cause: err })
  }
}

/**
 * JSON.parse for `detect()`: undefined when the text is not JSON.
 * The last answer is kept, so that sniffing one file with every importer parses it once.
 */
export function sniffJson(text: string): unknown {
  if (!looksLikeJson(text)) return undefined
  if (lastSniff?.text === text) return lastSniff.value
  let value: unknown
  try {
    value = JSON.parse(stripBom(text))
  } catch {
    value = undefined
  }
  lastSniff = { text, value }
  return value
}

export function isObject(x: unknown): x is JsonObject {
  return typeof x === 'object' && x !== null && !Array.isArray(x)
}

export function expectObject(x: unknown, path: string, fail: Fail): JsonObject {
  if (!isObject(x)) fail(path, `expected an object, got ${describe(x)}`)
  return x as JsonObject
}

export function expectArray(x: unknown, path: string, fail: Fail): unknown[] {
  if (!Array.isArray(x)) fail(path, `expected an array, got ${describe(x)}`)
  return x as unknown[]
}

export function expectNumber(x: unknown, path: string, fail: Fail): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) fail(path, `expected a number, got ${describe(x)}`)
  return x as number
}

export function expectString(x: unknown, path: string, fail: Fail): string {
  if (typeof x !== 'string') fail(path, `expected a string, got ${describe(x)}`)
  return x as string
}


/** A string, or undefined when the field is absent or null. */
export function optionalString(x: unknown, path: string, fail: Fail): string | undefined {
  return x === undefined || x === null ? undefined : expectString(x, path, fail)
}

/** A short rendering of a value for messages. */
export function describe(x: unknown): string {
  if (x === undefined) return 'nothing'
  const s = JSON.stringify(x) ?? String(x)
  return s.length > 40 ? `${s.slice(0, 37)}...` : s
}

// --- internal ---

let lastSniff: { text: string; value: unknown } | undefined

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let start = 0
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++
      start = i + 1
    }
  }
  return { line, column: offset - start + 1 }
}

type Stop = { jsonStop: true; offset: number; reason: string }

/** Walk the text as JSON and return where and why it first goes wrong. */
function locateJsonError(text: string): { offset: number; reason: string } {
  let i = 0
  const stop = (reason?: string): never => {
    if (i >= text.length) throw { jsonStop: true, offset: text.length, reason: 'unexpected end of file (truncated?)' } satisfies Stop
    throw { jsonStop: true, offset: i, reason: reason ?? `unexpected ${JSON.stringify(text[i])}` } satisfies Stop
  }
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++
  }
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) stop()
      i++
    }
  }
  const string = () => {
    i++ // opening quote
    for (;;) {
      if (i >= text.length) stop()
      const ch = text[i]
      if (ch === '"') {
        i++
        return
      }
      if (ch === '\\') i++
      else if (ch < ' ') stop('control character in a string')
      i++
    }
  }
  const number = () => {
    const m = /-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y
    m.lastIndex = i
    if (!m.exec(text) || m.lastIndex === i) stop()
    i = m.lastIndex
  }
  const value = (): void => {
    ws()
    const ch = text[i]
    if (ch === '{') {
      i++
      ws()
      if (text[i] === '}') {
        i++
        return
      }
      for (;;) {
        ws()
        if (text[i] !== '"') stop('expected a quoted key')
        string()
        ws()
        if (text[i] !== ':') stop('expected ":"')
        i++
        value()
        ws()
        if (text[i] === ',') i++
        else if (text[i] === '}') {
          i++
          return
        } else stop('expected "," or "}"')
      }
    } else if (ch === '[') {
      i++
      ws()
      if (text[i] === ']') {
        i++
        return
      }
      for (;;) {
        value()
        ws()
        if (text[i] === ',') i++
        else if (text[i] === ']') {
          i++
          return
        } else stop('expected "," or "]"')
      }
    } else if (ch === '"') string()
    else if (ch === 't') literal('true')
    else if (ch === 'f') literal('false')
    else if (ch === 'n') literal('null')
    else number()
  }
  try {
    value()
    ws()
    if (i < text.length) stop('unexpected text after the JSON value (two documents in one file?)')
    return { offset: 0, reason: 'not valid JSON' }
  } catch (e) {
    if (isObject(e) && e.jsonStop === true) return { offset: (e as Stop).offset, reason: (e as Stop).reason }
    return { offset: 0, reason: 'too deeply nested' } // stack overflow on pathological nesting
  }
}
