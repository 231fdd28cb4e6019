// The user's own panels: views a run (or a script serving it) adds beside the automatic charts.
// Pure: validation only. The view draws them (src/view/panels.tsx).
import { BenchPlotError } from '../errors'

/** Where a panel goes: before or after the automatic charts, or beside one result's charts. */
export type PanelPlace = 'before' | 'after' | `result:${string}`

/** A cell of a table panel. */
export type PanelCell = string | number | boolean | null

export type Panel =
  | { kind: 'markdown'; title: string; place: PanelPlace; text: string }
  | { kind: 'image' | 'video'; title: string; place: PanelPlace; path: string }
  | { kind: 'table'; title: string; place: PanelPlace; columns: string[]; rows: PanelCell[][] }
  | { kind: 'echarts'; title: string; place: PanelPlace; option: Record<string, unknown> }

export type PanelKind = Panel['kind']

export const panelKinds: readonly PanelKind[] = ['markdown', 'image', 'video', 'table', 'echarts']

/** Reports a problem at a JSON path relative to the panel list (`[2].option.series[0].name`) and throws. */
export type PanelFail = (path: string, message: string) => never

/**
 * Check a list of panels as the run format gives them. `results`: the run's result names, which a
 * `result:<name>` place must name; absent (panels from code, shown with any run) any name is taken
 * and a place naming no result of the run shown falls back to `after`.
 */
export function readPanels(raw: unknown, fail: PanelFail, results?: readonly string[]): Panel[] {
  if (!Array.isArray(raw)) fail('', `expected an array, got ${describe(raw)}`)
  return (raw as unknown[]).map((p, i) => readPanel(p, `[${i}]`, fail, results))
}

/** Panels from code (`plotServer(name, { panels })`), checked as the run format's: throws BenchPlotError PARSE naming the JSON path. */
export function checkPanels(raw: unknown, source: string): Panel[] {
  return readPanels(raw, (path, message) => {
    throw new BenchPlotError('PARSE', `${source}: panels${path}: ${message}`)
  })
}

/** Largest echarts option a panel may carry, in values (objects, arrays and scalars): a page draws it on the server. */
export const maxOptionValues = 200_000

// --- internal ---

const common = ['kind', 'title', 'place']
const keysOf: Record<PanelKind, readonly string[]> = {
  markdown: [...common, 'text'],
  image: [...common, 'path'],
  video: [...common, 'path'],
  table: [...common, 'columns', 'rows'],
  echarts: [...common, 'option'],
}

function readPanel(raw: unknown, at: string, fail: PanelFail, results?: readonly string[]): Panel {
  if (!isPlainObject(raw)) return fail(at, `expected an object, got ${describe(raw)}`)
  const o = raw as Record<string, unknown>
  const kind = o.kind
  if (typeof kind !== 'string' || !(panelKinds as readonly string[]).includes(kind)) fail(`${at}.kind`, `expected one of ${panelKinds.join(', ')}, got ${describe(kind)}`)
  const k = kind as PanelKind
  for (const key of Object.keys(o)) if (!keysOf[k].includes(key)) fail(`${at}.${key}`, `unknown field of a ${k} panel (expected one of: ${keysOf[k].join(', ')})`)
  const title = o.title === undefined ? '' : str(o.title, `${at}.title`, fail)
  const place = readPlace(o.place, `${at}.place`, fail, results)
  switch (k) {
    case 'markdown':
      return { kind: k, title, place, text: str(o.text, `${at}.text`, fail) }
    case 'image':
    case 'video': {
      const path = str(o.path, `${at}.path`, fail)
      // A panel's file is served from the cache directory; anything that could leave it is refused here.
      if (path === '' || path.startsWith('/') || /^[a-zA-Z]:/.test(path) || path.split(/[\\/]/).includes('..') || path.includes('\0')) {
        fail(`${at}.path`, `expected a path relative to the cache directory, got ${describe(path)}`)
      }
      return { kind: k, title, place, path }
    }
    case 'table': {
      if (!Array.isArray(o.columns)) fail(`${at}.columns`, `expected an array of strings, got ${describe(o.columns)}`)
      const columns = (o.columns as unknown[]).map((c, j) => str(c, `${at}.columns[${j}]`, fail))
      if (!Array.isArray(o.rows)) fail(`${at}.rows`, `expected an array of rows, got ${describe(o.rows)}`)
      const rows = (o.rows as unknown[]).map((r, j) => {
        if (!Array.isArray(r)) fail(`${at}.rows[${j}]`, `expected an array of ${columns.length} cells, got ${describe(r)}`)
        const row = r as unknown[]
        if (row.length !== columns.length) fail(`${at}.rows[${j}]`, `expected ${columns.length} cells (one per column), got ${row.length}`)
        return row.map((c, m) => {
          const ok = c === null || typeof c === 'string' || typeof c === 'boolean' || (typeof c === 'number' && Number.isFinite(c))
          if (!ok) fail(`${at}.rows[${j}][${m}]`, `expected a string, number, boolean or null, got ${describe(c)}`)
          return c as PanelCell
        })
      })
      return { kind: k, title, place, columns, rows }
    }
    case 'echarts': {
      if (!isPlainObject(o.option)) fail(`${at}.option`, `expected an object (an ECharts option), got ${describe(o.option)}`)
      checkPlainJson(o.option, `${at}.option`, fail)
      return { kind: k, title, place, option: o.option as Record<string, unknown> }
    }
  }
}

function readPlace(raw: unknown, path: string, fail: PanelFail, results?: readonly string[]): PanelPlace {
  if (raw === undefined) return 'after'
  if (raw === 'before' || raw === 'after') return raw
  if (typeof raw === 'string' && raw.startsWith('result:') && raw.length > 'result:'.length) {
    const name = raw.slice('result:'.length)
    if (results && !results.includes(name)) fail(path, `no result named "${name}" in this run (results: ${results.join(', ') || 'none'})`)
    return raw as PanelPlace
  }
  return fail(path, `expected "before", "after" or "result:<name>", got ${describe(raw)}`)
}

/**
 * An ECharts option goes to the page as JSON and through ECharts' renderers, whose labels and
 * tooltips are HTML: it must be plain data (no functions, class instances or non-finite numbers)
 * and no string may hold markup (`<`) or a script URL.
 */
function checkPlainJson(root: unknown, rootPath: string, fail: PanelFail): void {
  let values = 0
  const walk = (x: unknown, path: string, depth: number): void => {
    if (++values > maxOptionValues) fail(rootPath, `the option holds more than ${maxOptionValues} values`)
    if (depth > 64) fail(path, 'nested more than 64 levels deep')
    if (x === null || typeof x === 'boolean') return
    if (typeof x === 'number') {
      if (!Number.isFinite(x)) fail(path, `expected a finite number, got ${String(x)}`)
      return
    }
    if (typeof x === 'string') {
      if (x.includes('<')) fail(path, `HTML is not allowed in an ECharts option (a string holds "<"): ${describe(x)}`)
      if (/^\s*(javascript|vbscript|data):/i.test(x)) fail(path, `a script or data URL is not allowed in an ECharts option: ${describe(x)}`)
      return
    }
    if (typeof x === 'function') fail(path, 'a function is not allowed in an ECharts option (it must be plain JSON)')
    if (Array.isArray(x)) {
      x.forEach((v, i) => walk(v, `${path}[${i}]`, depth + 1))
      return
    }
    if (!isPlainObject(x)) fail(path, `expected plain JSON, got ${typeof x === 'object' ? (x as object).constructor?.name ?? 'an object' : typeof x}`)
    for (const [k, v] of Object.entries(x as Record<string, unknown>)) {
      if (k.includes('<')) fail(`${path}.${k}`, 'HTML is not allowed in an ECharts option key')
      walk(v, /^[A-Za-z_$][\w$]*$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`, depth + 1)
    }
  }
  walk(root, rootPath, 0)
}

function isPlainObject(x: unknown): boolean {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false
  const proto = Object.getPrototypeOf(x)
  return proto === Object.prototype || proto === null
}

function str(x: unknown, path: string, fail: PanelFail): string {
  if (typeof x !== 'string') fail(path, `expected a string, got ${describe(x)}`)
  return x as string
}

function describe(x: unknown): string {
  if (x === undefined) return 'nothing'
  if (typeof x === 'function') return 'a function'
  const s = JSON.stringify(x) ?? String(x)
  return s.length > 40 ? `${s.slice(0, 37)}...` : s
}
