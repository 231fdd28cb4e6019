import { Html } from '@elysiajs/html'
import type { RunHeader } from '../../store'
import { attr, benchmarkPath, formatTime, tabLabel, withQuery } from './links'

export type RunTabsProps = {
  name: string
  /** Every run, oldest first. */
  runs: RunHeader[]
  /** The run shown, or 'history' for the history tab. */
  selected: number | 'history'
  /** Ids of the runs that start a new history (inputs changed), after the first history. */
  historyStarts: number[]
  /** Whether the newest history has two or more runs, so that the History tab is offered. */
  historyTab: boolean
  /** The request's query; chart options (?plots=, ?logx=, ?logy=) are kept by the links. */
  query: Record<string, string | undefined>
}

/** Query keys that belong to one tab and are dropped when moving to another. */
export const tabOnlyKeys = ['run', 'page', 'view', 'point', 'x', 'history', 'vs'] as const

/** The History tab, then one tab per run (oldest first) with a mark where a new history starts. Plain links: they work without JavaScript. */
export function RunTabs(props: RunTabsProps): JSX.Element {
  const path = benchmarkPath(props.name)
  const keep = { ...props.query }
  for (const k of tabOnlyKeys) delete keep[k]
  const starts = new Set(props.historyStarts)
  return (
    <nav class="tabs" aria-label="Runs">
      {props.historyTab ? (
        <a class="tab-history" href={withQuery(path, keep, { view: 'history' })} aria-current={props.selected === 'history' ? 'page' : undefined}>
          History
        </a>
      ) : (
        ''
      )}
      {props.runs.map((r) => {
        const label = tabLabel(r.title, r.timeLabel, r.time)
        return (
          <>
            {starts.has(r.id) ? (
              <span class="tab-break" title="The inputs changed here: a new history starts">
                new inputs
              </span>
            ) : (
              ''
            )}
            <a
              href={withQuery(path, { run: String(r.id), ...keep }, {})}
              aria-current={r.id === props.selected ? 'page' : undefined}
              title={attr(`${r.title} (${r.timeLabel ?? formatTime(r.time)})`)}
            >
              {Html.escapeHtml(label.title)}
              <span class="tab-time">{Html.escapeHtml(label.when)}</span>
            </a>
          </>
        )
      })}
    </nav>
  )
}
