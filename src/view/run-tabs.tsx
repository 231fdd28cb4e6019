import type { RunHeader } from '../store'
import { formatTime } from '../format'
import type { ChartRequest } from '../plots'
import { escapeHtml } from '../format'
import type { Links } from './links'

export type RunTabsProps = {
  links: Links
  name: string
  /** Every run, oldest first. */
  runs: RunHeader[]
  /** The run shown, or 'history' for the history tab. */
  selected: number | 'history'
  /** Ids of the runs that start a new history (inputs changed), after the first history. */
  historyStarts: number[]
  /** Whether the newest history has two or more runs, so that the History tab is offered. */
  historyTab: boolean
  /** Chart options the tabs keep. */
  charts?: ChartRequest
}

/** The History tab, then one tab per run (oldest first) with a mark where a new history starts. Plain links: they work without JavaScript. */
export function RunTabs(props: RunTabsProps): string {
  const { links, charts } = props
  const starts = new Set(props.historyStarts)
  return (
    <nav class="tabs" aria-label="Runs">
      {props.historyTab ? (
        <a class="tab-history" href={escapeHtml(links.history(props.name, { charts }))} aria-current={props.selected === 'history' ? 'page' : undefined}>
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
              href={escapeHtml(links.benchmark(props.name, { run: r.id, charts }))}
              aria-current={r.id === props.selected ? 'page' : undefined}
              title={escapeHtml(`${cut(r.title, 300)} (${r.timeLabel ?? formatTime(r.time)})`)}
            >
              {escapeHtml(label.title)}
              <span class="tab-time" safe>
                {label.when}
              </span>
            </a>
          </>
        )
      })}
    </nav>
  ) as string
}

/** A run's label in tabs and choosers: the title, then the time label or time; newlines removed, cut to 60 and 40 characters. */
function tabLabel(title: string, timeLabel: string | null, time: string): { title: string; when: string } {
  return { title: cut(title.replace(/\s*\n\s*/g, ' '), 60), when: cut((timeLabel ?? formatTime(time)).replace(/\s*\n\s*/g, ' '), 40) }
}

/** `#12 title (when)`, as run choosers list a run. */
export function runChoice(r: RunHeader): string {
  const l = tabLabel(r.title, r.timeLabel, r.time)
  return `#${r.id} ${l.title} (${l.when})`
}

function cut(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 3)}...` : s
}
