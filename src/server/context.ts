import type { RecordingCheck } from '../model/rerun-recording'
import type { Links, MediaCheck } from '../view'
import { chartsLoaderSource } from '../view/charts-loader'
import type { CodePanels } from './code-panels'
import type { HistoryCache } from './history-cache'
import type { PageCache } from './page-cache'
import type { BenchmarkSource } from './source'

/** What every route group is given: plain values, never the Elysia context. */
export type ServerContext = {
  source: BenchmarkSource
  /** The benchmark served at `/`; null serves the index of every benchmark. */
  name: string | null
  /** Where media paths are resolved; null when serving runs from memory without one. */
  cachedir: string | null
  /** Shown on the empty index page. */
  location: string
  pages: PageCache
  histories: HistoryCache
  /** Every URL the pages contain: the server's routes. */
  links: Links
  /** Whether a file result exists under cachedir. */
  exists: MediaCheck
  /** What the server found in a rerun recording under cachedir (header, version, frames). */
  recordings: (relPath: string) => RecordingCheck
  /** Panels given from code (`plotServer(name, { panels })`), shown after each run's own. */
  panels?: CodePanels
  /** Whether pages follow new runs (`--live`): they load /assets/live.js, which listens to /api/events. */
  live?: boolean
}

/** Headers of every HTML page: nothing may be fetched from another host, nothing framed elsewhere. */
export const pageHeaders = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy':
    `default-src 'self'; script-src 'self' ${chartsLoaderSource}; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob:; font-src 'self' data:; connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'`,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
} as const
