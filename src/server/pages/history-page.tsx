import { Html } from '@elysiajs/html'
import type { InputValue } from '../../model/types'
import type { RunHeader } from '../../store'
import { benchmarkApiPath, benchmarkPath, withQuery } from './links'
import { Layout, toHtml } from './layout'
import { RunTabs, type RunTabsProps } from './run-tabs'
import type { HistoryView } from './history-region'

/** Sweep points offered in the point chooser; a bigger sweep is followed by `?point=<index>` in the URL. */
export const pointChoices = 1000

export type HistoryPageProps = {
  name: string
  runs: RunHeader[]
  tabs: Pick<RunTabsProps, 'historyStarts' | 'historyTab'>
  query: Record<string, string | undefined>
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
  const path = benchmarkPath(props.name)
  const h = props.history
  const keep = Object.fromEntries(Object.entries(props.query).filter(([k]) => ['plots', 'logx', 'logy'].includes(k)))
  const historyParam = h.newest ? undefined : String(h.index)
  const formatPoint = (p: Record<string, InputValue>) => {
    const e = Object.entries(p)
    return e.length === 0 ? '(no inputs)' : e.map(([k, v]) => `${k}=${String(v)}`).join(', ')
  }
  return toHtml(
    <Layout
      title={`${props.name}: history`}
      heading={props.name}
      charts
      pageScript
      nav={[
        { href: '/', label: 'All benchmarks' },
        { href: benchmarkApiPath(props.name), label: 'JSON' },
      ]}
    >
      <RunTabs name={props.name} runs={props.runs} selected="history" query={props.query} {...props.tabs} />
      <section class="history-view" id="history">
        <h2>History</h2>
        <p class="history-span">
          {h.newest ? 'The newest history: ' : `History ${h.index + 1}: `}
          {h.runs} runs with the same inputs, from {Html.escapeHtml(h.first)} to {Html.escapeHtml(h.last)}.
          {h.changes ? <> It started when the inputs changed: {Html.escapeHtml(h.changes)}.</> : ''}
        </p>
        {props.others.length > 0 ? (
          <p class="more history-others">
            Other histories:{' '}
            {props.others.map((o) => (
              <>
                <a href={withQuery(path, keep, { view: 'history', history: String(o.index) })}>
                  {Html.escapeHtml(`${o.runs} runs, ${o.first} to ${o.last}`)}
                </a>{' '}
              </>
            ))}
          </p>
        ) : (
          ''
        )}
        <form class="history-controls" method="get" action={path}>
          <input type="hidden" name="view" value="history" />
          {historyParam ? <input type="hidden" name="history" value={historyParam} /> : ''}
          <label>
            Follow{' '}
            <select name="point" data-autosubmit="">
              <option value="all" selected={props.view.point === null}>
                the mean over all inputs
              </option>
              {props.points.slice(0, pointChoices).map((p, i) => (
                <option value={String(i)} selected={props.view.point === i}>
                  {Html.escapeHtml(formatPoint(p))}
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
        <p class="more">Line: the mean per run; bands: 10–90 % and 25–75 % of every value of the run; points: the run means. Hover a point for its run.</p>
        {props.body}
      </section>
    </Layout>
  )
}
