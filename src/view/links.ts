import { formatChartQuery, type ChartRequest } from '../plots/request'

/**
 * Page state that the server keeps in query strings and a static report in file names. Every page
 * gets its URLs from a `Links`; no page or chart builds a URL itself.
 */
export type RunState = {
  /** The run's tab; absent: the newest run. */
  run?: number
  /** The run it is compared with; null: none; absent: the default (the previous run of its history). */
  vs?: number | null
  /** Charts asked for beyond the automatic ones, and log axes. */
  charts?: ChartRequest
  /** Page of the samples table (1 is the first). */
  page?: number
  /** Judge every sweep point of a huge sweep (`?points=all`). */
  allPoints?: boolean
  /** Where on the page (`samples`, `compare`). */
  anchor?: string
}

export type HistoryState = {
  /** Which history (a run of the same inputs); absent: the newest. */
  history?: number
  /** The sweep point followed alone; absent or null: the mean over all inputs. */
  point?: number | null
  x?: 'order' | 'date'
  charts?: ChartRequest
}

export type IndexState = { sort?: string; q?: string }

/** What a lazy chart or figure is drawn for: the run, the compared run and the chart options. */
export type PartState = { run: number; vs: number | null; charts: ChartRequest }

export type Links = {
  /** Whether pages may use forms and query strings (a server), or only links to files (a static report). */
  readonly dynamic: boolean
  index(state?: IndexState): string
  benchmark(name: string, state?: RunState): string
  history(name: string, state?: HistoryState): string
  compare(name: string, a: number, b: number): string
  /** Where the compare page's form goes (it adds `a` and `b`). */
  compareAction(name: string): string
  /** One chart of a run page alone (the HTML of its figures), `frame`: as a page of its own. */
  chart(name: string, id: string, state: PartState, frame?: boolean): string
  /** One figure's server-drawn SVG. */
  figure(name: string, id: string, state: PartState): string
  benchmarkJson(name: string): string
  indexJson(): string
  samples(name: string, runId: number, ext: 'csv' | 'json'): string
  /** A file result, by its path relative to cachedir. */
  media(relPath: string): string
  /** A rerun recording, by its path relative to cachedir (under `rrd/`). */
  recording(relPath: string): string
  /** The rerun viewer of a recording, a page of its own; `embed`: as the inline frame loads it. */
  recordingViewer(relPath: string, embed?: boolean): string
  /** The script of the inline rerun viewer's controls. */
  rerunScript(): string
  asset(file: string): string
}

/** The server's routes: `/`, `/b/<name>?run=…`, `/api/…`, `/media/…`, `/rrd_static/…`, `/assets/…`. */
export const serverLinks: Links = {
  dynamic: true,
  index: (s = {}) => withQuery('/', { sort: s.sort, q: s.q || undefined }),
  benchmark: (name, s = {}) =>
    withQuery(
      benchmarkPath(name),
      {
        run: s.run === undefined ? undefined : String(s.run),
        vs: s.vs === undefined ? undefined : s.vs === null ? 'none' : String(s.vs),
        ...chartParams(s.charts),
        page: s.page === undefined || s.page === 1 ? undefined : String(s.page),
        points: s.allPoints ? 'all' : undefined,
      },
      s.anchor,
    ),
  history: (name, s = {}) =>
    withQuery(benchmarkPath(name), {
      view: 'history',
      history: s.history === undefined ? undefined : String(s.history),
      point: s.point === undefined || s.point === null ? undefined : String(s.point),
      x: s.x === 'date' ? 'date' : undefined,
      ...chartParams(s.charts),
    }),
  compare: (name, a, b) => `${benchmarkPath(name)}/compare?a=${a}&b=${b}`,
  compareAction: (name) => `${benchmarkPath(name)}/compare`,
  chart: (name, id, s, frame) => `${benchmarkPath(name)}/chart/${encodeURIComponent(id)}${partQuery(s)}${frame ? '&frame=1' : ''}`,
  figure: (name, id, s) => `${benchmarkPath(name)}/figure/${encodeURIComponent(id)}${partQuery(s)}`,
  benchmarkJson: (name) => `/api/benchmarks/${encodeURIComponent(name)}`,
  indexJson: () => '/api/benchmarks',
  samples: (name, runId, ext) => `/api/benchmarks/${encodeURIComponent(name)}/runs/${runId}/samples.${ext}`,
  media: (rel) => `/media/${encodePath(rel)}`,
  recording: (rel) => `/rrd_static/${encodePath(rel.startsWith('rrd/') ? rel.slice(4) : rel)}`,
  recordingViewer: (rel, embed) => `/rerun/view?url=${encodeURIComponent(serverLinks.recording(rel))}${embed ? '&embed=1' : ''}`,
  rerunScript: () => '/rerun/embed.js',
  asset: (file) => `/assets/${file}`,
}

/**
 * A static report's files, relative to the page that links them (`root` leads from that page to the
 * report's top, e.g. `../../`). Page state is part of the file name; there are no query strings.
 */
export function staticLinks(root = ''): Links {
  const dir = (name: string) => `${root}b/${encodeURIComponent(fileSlug(name))}/`
  const charts = (c?: ChartRequest) => {
    if (!c) return ''
    const plots = c.plots.length ? `-plots-${c.plots.join('+')}` : ''
    return `${plots}${c.logx === undefined ? '' : c.logx ? '-logx' : '-linx'}${c.logy === undefined ? '' : c.logy ? '-logy' : '-liny'}`
  }
  const part = (s: PartState) => `-run-${s.run}${s.vs === null ? '' : `-vs-${s.vs}`}${charts(s.charts)}`
  return {
    dynamic: false,
    index: () => `${root}index.html`,
    benchmark: (name, s = {}) => {
      const state = `${s.run === undefined ? '' : `-${s.run}`}${s.vs === undefined ? '' : `-vs-${s.vs ?? 'none'}`}${charts(s.charts)}${s.page && s.page > 1 ? `-page-${s.page}` : ''}`
      return `${dir(name)}${state ? `run${state}` : 'index'}.html${s.anchor ? `#${s.anchor}` : ''}`
    },
    history: (name, s = {}) =>
      `${dir(name)}history${s.history === undefined ? '' : `-${s.history}`}${s.point === undefined || s.point === null ? '' : `-point-${s.point}`}${s.x === 'date' ? '-date' : ''}${charts(s.charts)}.html`,
    compare: (name, a, b) => `${dir(name)}compare-${a}-${b}.html`,
    compareAction: (name) => `${dir(name)}index.html`,
    // A chart is a script, which a page opened as a file may load (it may fetch nothing); its frame a page.
    chart: (name, id, s, frame) => `${dir(name)}charts/${encodeURIComponent(fileSlug(id))}${part(s)}${frame ? '-frame.html' : '.js'}`,
    figure: (name, id, s) => `${dir(name)}charts/${encodeURIComponent(fileSlug(id))}${part(s)}.svg`,
    benchmarkJson: (name) => `${dir(name)}benchmark.json`,
    indexJson: () => `${root}benchmarks.json`,
    samples: (name, runId, ext) => `${dir(name)}samples-${runId}.${ext}`,
    media: (rel) => `${root}media/${encodePath(rel)}`,
    recording: (rel) => `${root}${encodePath(rel)}`,
    // A report's viewer page reads the recording from its fragment: a static host takes no query.
    recordingViewer: (rel, embed) => `${root}rerun/view.html#url=${encodeURIComponent(`../${encodePath(rel)}`)}${embed ? '&embed=1' : ''}`,
    rerunScript: () => `${root}rerun/embed.js`,
    asset: (file) => `${root}assets/${file}`,
  }
}

/** Pages of a run's samples table a static report holds (a page is a whole run page); samples.csv holds every sample. */
export const staticSamplePages = 10

/** Sweep points a static report's History tab follows alone, each a page of its own. */
export const staticHistoryPoints = 20

/** A name as one file name: anything a file system or URL would read specially is %-encoded. */
export function fileSlug(name: string): string {
  const slug = encodeURIComponent(name).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return slug.startsWith('.') ? `%2E${slug.slice(1)}` : slug
}

// --- internal ---

function benchmarkPath(name: string): string {
  return `/b/${encodeURIComponent(name)}`
}

function encodePath(rel: string): string {
  return rel.split('/').map(encodeURIComponent).join('/')
}

function chartParams(c?: ChartRequest): Record<string, string | undefined> {
  if (!c) return {}
  const q = new URLSearchParams(formatChartQuery(c).slice(1))
  return { plots: q.get('plots') ?? undefined, logx: q.get('logx') ?? undefined, logy: q.get('logy') ?? undefined }
}

function partQuery(s: PartState): string {
  return `?run=${s.run}&vs=${s.vs ?? 'none'}${formatChartQuery(s.charts).slice(1).replace(/^(?=.)/, '&')}`
}

function withQuery(path: string, params: Record<string, string | undefined>, anchor?: string): string {
  // Commas stay readable (`plots=violin,scatter`): they need no encoding in a query.
  const s = Object.entries(params)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(v).replace(/%2C/g, ',')}`)
    .join('&')
  return `${path}${s ? `?${s}` : ''}${anchor ? `#${anchor}` : ''}`
}
