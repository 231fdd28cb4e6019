import type { IndexRow } from '../model/regression'
import { escapeHtml } from '../format'
import { indexFrame } from './index-head'
import { Layout } from './layout'
import type { Links } from './links'
import { IndexRowView } from './regression'

/** Rows whose sparklines the server draws (a first screen and more); the browser draws the others' as they come into view. */
export const eagerSparkRows = 25

/** Columns the index sorts by; a leading `-` in `?sort=` reverses the order. */
export const indexSortKeys = ['verdict', 'name', 'runs', 'latest'] as const
export type IndexSortKey = (typeof indexSortKeys)[number]
export type IndexSort = { key: IndexSortKey; descending: boolean }

export type IndexPageProps = {
  links: Links
  /** The rows shown, already filtered and sorted. */
  rows: IndexRow[]
  /** How many benchmarks the store holds before filtering. */
  total: number
  sort: IndexSort
  /** The filter text (`?q=`). */
  q: string
  location: string
}

/** Read `?sort=` (`name`, `-runs`, …; default `verdict`, the worst first). Unknown keys fall back to the default. */
export function parseIndexSort(text: string | undefined): IndexSort {
  const descending = text?.startsWith('-') ?? false
  const key = (descending ? text?.slice(1) : text) as IndexSortKey
  return indexSortKeys.includes(key) ? { key, descending } : { key: 'verdict', descending: false }
}

/** Keep the rows whose name, title or verdict holds `q` (case-insensitive), ordered by `sort`; ties by name. */
export function filterAndSortRows(rows: readonly IndexRow[], q: string, sort: IndexSort): IndexRow[] {
  const needle = q.trim().toLowerCase()
  const kept = needle === '' ? [...rows] : rows.filter((r) => `${r.name}\n${r.title}\n${r.verdict ?? ''}`.toLowerCase().includes(needle))
  const byName = (a: IndexRow, b: IndexRow) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  const compare: Record<IndexSortKey, (a: IndexRow, b: IndexRow) => number> = {
    verdict: (a, b) => verdictRank(a.verdict) - verdictRank(b.verdict),
    name: () => 0,
    runs: (a, b) => a.runs - b.runs,
    latest: (a, b) => (a.latest.time < b.latest.time ? -1 : a.latest.time > b.latest.time ? 1 : 0),
  }
  const sign = sort.descending ? -1 : 1
  return kept.sort((a, b) => sign * (compare[sort.key](a, b) || byName(a, b)))
}

/** Every stored benchmark: latest value per result, a sparkline of its history and its verdict; sortable and filterable without JavaScript. */
export function IndexPage(props: IndexPageProps): string {
  const { links } = props
  const labels: Record<IndexSortKey, string> = { verdict: 'Verdict', name: 'Benchmark', runs: 'Runs', latest: 'Latest run' }
  const sortHref = (key: IndexSortKey) => {
    const same = props.sort.key === key
    return escapeHtml(links.index({ q: props.q, sort: same && !props.sort.descending ? `-${key}` : key }))
  }
  const ariaSort = (key: IndexSortKey) => (props.sort.key === key ? (props.sort.descending ? 'descending' : 'ascending') : undefined)
  const header = (key: IndexSortKey, cls?: string) => (
    <th class={cls} aria-sort={ariaSort(key)}>
      <a href={sortHref(key)} data-sort={key}>
        {labels[key]}
      </a>
    </th>
  )
  const body =
    props.total === 0 ? (
      <p class="empty">
        No benchmarks in <code safe>{props.location}</code> yet. Record results with <code>bench-plot import FILE</code>.
      </p>
    ) : (
      <>
        {links.dynamic ? (
          <form class="index-filter" method="get" action={escapeHtml(links.index())} role="search">
            <label>
              Filter <input type="search" name="q" value={escapeHtml(props.q)} placeholder="name, title or verdict" autocomplete="off" />
            </label>
            {props.sort.key !== 'verdict' || props.sort.descending ? <input type="hidden" name="sort" value={`${props.sort.descending ? '-' : ''}${props.sort.key}`} /> : ''}
            <button type="submit">Filter</button>
            <span class="index-count" aria-live="polite">
              {props.rows.length === props.total ? `${props.total} benchmark${props.total === 1 ? '' : 's'}` : `${props.rows.length} of ${props.total} benchmarks`}
            </span>
          </form>
        ) : (
          ''
        )}
        {links.dynamic ? (
          <nav class="index-sort" aria-label="Sort">
            Sort by:{' '}
            {indexSortKeys.map((k) => (
              <>
                <a href={sortHref(k)} data-sort={k} aria-current={props.sort.key === k ? 'true' : undefined}>
                  {labels[k].toLowerCase()}
                  {props.sort.key === k ? (props.sort.descending ? ' ↓' : ' ↑') : ''}
                </a>{' '}
              </>
            ))}
          </nav>
        ) : (
          ''
        )}
        <div class="table-wrap">
          <table class="index">
            <thead>
              <tr>
                {header('name')}
                {header('runs', 'num')}
                {header('latest')}
                <th>Results: latest, history, verdict</th>
                {header('verdict')}
              </tr>
            </thead>
            <tbody>{props.rows.map((row, i) => IndexRowView({ row, links, drawSparks: i < eagerSparkRows })).join('\n')}</tbody>
          </table>
        </div>
        {props.rows.length === 0 ? <p class="more" safe>{`No benchmark matches “${props.q}”.`}</p> : ''}
      </>
    )
  return Layout({ ...indexFrame(links), children: body as string })
}

// --- internal ---

function verdictRank(v: IndexRow['verdict']): number {
  return v === 'regressed' ? 0 : v === 'improved' ? 1 : v === 'unchanged' ? 2 : v === 'young' ? 3 : 4
}
