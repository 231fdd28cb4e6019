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

/** Most run tabs shown side by side; older runs are in the run picker before them. */
export const tabsShown = 8

/**
 * The History tab, then one tab per run (oldest first) with a mark where a new history starts.
 * Past `tabsShown` runs, the newest runs and the selected one are tabs and the others are listed
 * in a run picker (a `<details>`: it works without JavaScript). Plain links throughout.
 */
export function RunTabs(props: RunTabsProps): string {
  const { links, charts } = props
  const starts = new Set(props.historyStarts)
  const newest = props.runs.slice(-tabsShown)
  const shown = props.runs.filter((r) => newest.includes(r) || r.id === props.selected)
  const older = props.runs.filter((r) => !shown.includes(r))
  const href = (r: RunHeader) => escapeHtml(links.benchmark(props.name, { run: r.id, charts }))
  const picker =
    older.length === 0 ? (
      ''
    ) : (
      <details class="run-picker">
        <summary safe>{`${older.length} older run${older.length === 1 ? '' : 's'}`}</summary>
        <ul>
          {older
            .slice()
            .reverse()
            .map((r) => (
              <li>
                <a href={href(r)} safe>
                  {runChoice(r)}
                </a>
              </li>
            ))}
        </ul>
      </details>
    )
  return (
    <nav class="tabs" aria-label="Runs">
      {props.historyTab ? (
        <a class="tab-history" href={escapeHtml(links.history(props.name, { charts }))} aria-current={props.selected === 'history' ? 'page' : undefined}>
          History
        </a>
      ) : (
        ''
      )}
      {picker}
      {shown.map((r) => {
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
            <a href={href(r)} aria-current={r.id === props.selected ? 'page' : undefined} title={escapeHtml(`${cut(r.title, 300)} (${r.timeLabel ?? formatTime(r.time)})`)}>
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
