import { formatInputs } from '../format'
import type { InputValue } from '../model/types'
import type { RunHeader } from '../store'
import { escapeHtml } from '../format'
import { Layout } from './layout'
import { staticHistoryPoints, type HistoryState, type Links } from './links'
import type { HistoryView } from './regression'
import { RunTabs, type RunTabsProps } from './run-tabs'

/** Sweep points offered in the point chooser; a bigger sweep is followed by `?point=<index>` in the URL. */
export const pointChoices = 1000

export type HistoryPageProps = {
  links: Links
  name: string
  runs: RunHeader[]
  tabs: Pick<RunTabsProps, 'historyStarts' | 'historyTab'>
  state: HistoryState
  /** The history shown: its position, run count, first and last run labels, and whether it is the newest. */
  history: { index: number; runs: number; first: string; last: string; newest: boolean; changes: string }
  /** Other histories of two or more runs, to switch to. */
  others: { index: number; runs: number; first: string; last: string }[]
  /** Every sweep point of the history, in order. */
  points: Record<string, InputValue>[]
  view: HistoryView
  /** Safe HTML: the charts and the table of values. */
  body: string
}

/** The History tab: each scalar result over the runs of one history, for all inputs or one sweep point, by run order or date. */
export function HistoryPage(props: HistoryPageProps): string {
  const { links, name } = props
  const h = props.history
  const charts = props.state.charts
  const point = props.view.point
  return Layout({
    links,
    title: `${name}: history`,
    heading: name,
    charts: true,
    pageScript: true,
    nav: [
      { href: links.index(), label: 'All benchmarks' },
      { href: links.benchmarkJson(name), label: 'JSON' },
    ],
    children: (
      <>
        {RunTabs({ links, name, runs: props.runs, selected: 'history', charts, ...props.tabs })}
        <section class="history-view" id="history">
          <h2>History</h2>
          <p class="history-span">
            {h.newest ? 'The newest history: ' : `History ${h.index + 1}: `}
            {h.runs} runs with the same inputs, from {escapeHtml(h.first)} to {escapeHtml(h.last)}.{h.changes ? ` It started when the inputs changed: ${escapeHtml(h.changes)}.` : ''}
          </p>
          {props.others.length > 0 ? (
            <p class="more history-others">
              Other histories:{' '}
              {props.others.map((o) => (
                <>
                  <a href={escapeHtml(links.history(name, { history: o.index, charts }))} safe>
                    {`${o.runs} runs, ${o.first} to ${o.last}`}
                  </a>{' '}
                </>
              ))}
            </p>
          ) : (
            ''
          )}
          {links.dynamic ? (
            <form class="history-controls" method="get" action={escapeHtml(links.benchmark(name))}>
              <input type="hidden" name="view" value="history" />
              {h.newest ? '' : <input type="hidden" name="history" value={String(h.index)} />}
              <label>
                Follow{' '}
                <select name="point" data-autosubmit="">
                  <option value="all" selected={point === null}>
                    the mean over all inputs
                  </option>
                  {props.points.slice(0, pointChoices).map((p, i) => (
                    <option value={String(i)} selected={point === i} safe>
                      {formatInputs(p)}
                    </option>
                  ))}
                </select>
              </label>{' '}
              <label>
                x axis{' '}
                <select name="x" data-autosubmit="">
                  <option value="order" selected={props.view.xAxis === 'order'}>
                    run order
                  </option>
                  <option value="date" selected={props.view.xAxis === 'time'}>
                    date
                  </option>
                </select>
              </label>{' '}
              <button type="submit">Show</button>
            </form>
          ) : (
            StaticHistoryControls(props)
          )}
          <p class="more">Line: the mean per run; bands: 10–90 % and 25–75 % of every value of the run; points: the run means. Hover a point for its run.</p>
          {point === null ? (
            ''
          ) : (
            <p class="history-point" safe>
              {`Following ${formatInputs(props.points[point])} alone.`}
            </p>
          )}
          {props.body}
        </section>
      </>
    ) as string,
  })
}

// A static report's History controls: links to the pages it holds (the mean, the first sweep points, either x axis).
function StaticHistoryControls(props: HistoryPageProps): string {
  const { links, name } = props
  const base = { history: props.history.newest ? undefined : props.history.index, charts: props.state.charts }
  const x = props.view.xAxis === 'time' ? ('date' as const) : ('order' as const)
  const point = props.view.point
  const link = (label: string, href: string, current: boolean) => (
    <a href={escapeHtml(href)} aria-current={current ? 'true' : undefined} safe>
      {label}
    </a>
  )
  const shown = props.points.slice(0, staticHistoryPoints)
  return (
    <nav class="history-controls" aria-label="History view">
      Follow: {link('the mean over all inputs', links.history(name, { ...base, point: null, x }), point === null)}
      {shown.map((p, i) => ` · ${link(formatInputs(p), links.history(name, { ...base, point: i, x }), point === i) as string}`).join('') as 'safe'}
      {props.points.length > shown.length ? <span class="more">{` (the first ${shown.length} of ${props.points.length} points)`}</span> : ''}
      <br />
      x axis: {link('run order', links.history(name, { ...base, point, x: 'order' }), x === 'order')} · {link('date', links.history(name, { ...base, point, x: 'date' }), x === 'date')}
    </nav>
  ) as string
}
