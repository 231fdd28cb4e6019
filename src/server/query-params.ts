// The page routes' query parameters, declared on each route as a Standard Schema (standardschema.dev)
// that Elysia runs before the handler, as it runs a TypeBox one. Not TypeBox: Elysia compiles a
// TypeBox query schema into code on the route's first request, 1.6 ms of CPU of the first page a
// server answers (a third of what its route costs then); checking a few strings against a pattern
// needs none of it.

/** One query parameter: a string, absent or matching `pattern`; `error` says what it takes (the 400 page's sentence). */
export type QueryParam = { pattern?: RegExp; error?: string }

/** The parsed query: each declared parameter as the string given, or undefined; others are dropped. */
export type QueryOf<P extends Record<string, QueryParam>> = { [K in keyof P]?: string }

type Issue = { message: string; path: [string] }
type Result<T> = { value: T; issues?: undefined } | { value?: undefined; issues: Issue[] }

/** A Standard Schema (version 1) for Elysia's `query`. */
export type QuerySchema<T> = {
  readonly '~standard': {
    readonly version: 1
    readonly vendor: 'bench-plot'
    readonly validate: (value: unknown) => Result<T>
    readonly types?: { readonly input: Record<string, unknown>; readonly output: T }
  }
}

/**
 * The schema of a route's query from its parameters.
 * @example
 * .get('/b/:name', ({ query }) => query.run, { query: queryParams({ run: { pattern: /^[0-9]+$/, error: '?run= is a run id' } }) })
 */
export function queryParams<const P extends Record<string, QueryParam>>(params: P): QuerySchema<QueryOf<P>> {
  const entries = Object.entries(params)
  return {
    '~standard': {
      version: 1,
      vendor: 'bench-plot',
      validate(value) {
        const given = (value ?? {}) as Record<string, unknown>
        const out: Record<string, string> = {}
        for (const [key, { pattern, error }] of entries) {
          const text = textOf(given[key])
          if (text === undefined) continue
          if (pattern !== undefined && !pattern.test(text)) return { issues: [{ message: error ?? `?${key}= is not valid`, path: [key] }] }
          out[key] = text
        }
        return { value: out as QueryOf<P> }
      },
    },
  }
}

// --- internal ---

// Elysia's query parser for a Standard Schema splits a value at its commas (`?plots=a,b`) and gives a
// repeated parameter as a list: both come back as the text, joined by commas. It also parses a value
// that looks like JSON (`?q=[1]`): that comes back as JSON text.
function textOf(v: unknown): string | undefined {
  if (v === undefined || typeof v === 'string') return v
  const flat = Array.isArray(v) ? v.flat() : null
  return flat !== null && flat.every((x) => typeof x === 'string') ? flat.join(',') : JSON.stringify(v)
}
