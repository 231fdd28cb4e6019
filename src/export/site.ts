// What a static report holds: every file its pages link, found by drawing the pages with a `Links`
// that notes each URL it makes. A page's links are the files to write next, so nothing is left
// dangling and nothing unlinked is drawn.
import { parseChartRequest, type ChartRequest } from '../plots'
import { serverLinks, staticLinks, type HistoryState, type IndexState, type Links, type PartState, type RunState } from '../view'

/** One file of the report: where it goes, the server URL that serves the same thing, and how to make it. */
export type SiteFile = {
  /** Path inside the report, `/`-separated, decoded (as on disk). */
  path: string
  /** The same content on a server (`/b/…`, `/api/…`); null for files only a report has. */
  serverUrl: string | null
  what: SiteTarget
}

/** Which page or file a link names, with the state it was linked with. */
export type SiteTarget =
  | { kind: 'index' }
  | { kind: 'benchmark'; name: string; state: RunState }
  | { kind: 'history'; name: string; state: HistoryState }
  | { kind: 'compare'; name: string; a: number; b: number }
  | { kind: 'chart'; name: string; id: string; part: PartState; frame: boolean }
  | { kind: 'figure'; name: string; id: string; part: PartState }
  | { kind: 'benchmarkJson'; name: string }
  | { kind: 'indexJson' }
  | { kind: 'samples'; name: string; runId: number; ext: 'csv' | 'json' }
  | { kind: 'media'; rel: string }
  | { kind: 'recording'; rel: string }
  | { kind: 'recordingViewer' }
  | { kind: 'rerunScript' }
  | { kind: 'asset'; file: string }

/** The files found so far, in the order found; `next()` gives each once. */
export type SiteMap = {
  /** Links for a file at `path` of the report: relative to it, and noting what they name. */
  linksFor(path: string): Links
  /** Links for a chart's HTML, which the page that loads it holds: relative to that page. */
  linksForChart(path: string): Links
  /** A target linked from outside any page (the index, a benchmark's first page). */
  add(what: SiteTarget): void
  next(): SiteFile | undefined
  readonly files: readonly SiteFile[]
}

/** What to leave out: recordings, media and the viewer with `--no-media`. */
export type SiteOptions = { media: boolean }

export function createSiteMap(opts: SiteOptions): SiteMap {
  const files: SiteFile[] = []
  const known = new Set<string>()
  let at = 0
  const top = staticLinks('')
  const note = (url: string, serverUrl: string | null, what: SiteTarget) => {
    const path = diskPath(url)
    if (known.has(path)) return
    if (!opts.media && (what.kind === 'media' || what.kind === 'recording' || what.kind === 'recordingViewer')) return
    known.add(path)
    files.push({ path, serverUrl, what })
  }
  const noting = (root: string): Links => {
    const out = staticLinks(root)
    return {
      dynamic: false,
      index: (s?: IndexState) => {
        note(top.index(), serverLinks.index(), { kind: 'index' })
        return out.index(s)
      },
      benchmark: (name, s = {}) => {
        // A static report has no "judge every point" page: it links the page itself.
        const state: RunState = { ...s, allPoints: undefined, anchor: undefined }
        note(top.benchmark(name, state), serverLinks.benchmark(name, state), { kind: 'benchmark', name, state })
        return out.benchmark(name, s)
      },
      history: (name, s = {}) => {
        note(top.history(name, s), serverLinks.history(name, s), { kind: 'history', name, state: s })
        return out.history(name, s)
      },
      compare: (name, a, b) => {
        note(top.compare(name, a, b), serverLinks.compare(name, a, b), { kind: 'compare', name, a, b })
        return out.compare(name, a, b)
      },
      compareAction: (name) => out.compareAction(name),
      chart: (name, id, part, frame) => {
        note(top.chart(name, id, part, frame), serverLinks.chart(name, id, part, frame), { kind: 'chart', name, id, part, frame: frame ?? false })
        return out.chart(name, id, part, frame)
      },
      figure: (name, id, part) => {
        note(top.figure(name, id, part), serverLinks.figure(name, id, part), { kind: 'figure', name, id, part })
        return out.figure(name, id, part)
      },
      benchmarkJson: (name) => {
        note(top.benchmarkJson(name), serverLinks.benchmarkJson(name), { kind: 'benchmarkJson', name })
        return out.benchmarkJson(name)
      },
      indexJson: () => {
        note(top.indexJson(), serverLinks.indexJson(), { kind: 'indexJson' })
        return out.indexJson()
      },
      samples: (name, runId, ext) => {
        note(top.samples(name, runId, ext), serverLinks.samples(name, runId, ext), { kind: 'samples', name, runId, ext })
        return out.samples(name, runId, ext)
      },
      media: (rel) => {
        note(top.media(rel), serverLinks.media(rel), { kind: 'media', rel })
        return out.media(rel)
      },
      recording: (rel) => {
        note(top.recording(rel), serverLinks.recording(rel), { kind: 'recording', rel })
        return out.recording(rel)
      },
      recordingViewer: (rel, embed) => {
        note(top.recordingViewer(rel), null, { kind: 'recordingViewer' })
        return out.recordingViewer(rel, embed)
      },
      rerunScript: () => {
        note(top.rerunScript(), serverLinks.rerunScript(), { kind: 'rerunScript' })
        return out.rerunScript()
      },
      asset: (file) => {
        note(top.asset(file), serverLinks.asset(file), { kind: 'asset', file })
        return out.asset(file)
      },
    }
  }
  const rootOf = (path: string, up = 0) => '../'.repeat(Math.max(0, path.split('/').length - 1 - up))
  const add = (what: SiteTarget) => {
    const l = noting('')
    if (what.kind === 'index') l.index()
    else if (what.kind === 'benchmark') l.benchmark(what.name, what.state)
    else throw new Error(`only pages are added directly, not ${what.kind}`)
  }
  return {
    linksFor: (path) => noting(rootOf(path)),
    linksForChart: (path) => noting(rootOf(path, 1)),
    add,
    next: () => files[at++],
    files,
  }
}

/** The chart options of a page the report links with none given: the automatic charts. */
export const automaticCharts: ChartRequest = parseChartRequest({})

// --- internal ---

/** A link's file on disk: without its fragment, each segment decoded (names are %-encoded into file names once more). */
export function diskPath(url: string): string {
  return url.split('#')[0].split('/').map(decodeURIComponent).join('/')
}
