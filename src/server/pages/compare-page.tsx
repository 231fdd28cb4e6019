import { Html } from '@elysiajs/html'
import type { RunHeader } from '../../store'
import { benchmarkApiPath, benchmarkPath, tabLabel } from './links'
import { Layout, toHtml } from './layout'

export type ComparePageProps = {
  name: string
  runs: RunHeader[]
  /** Run ids: B is judged against A. */
  a: number
  b: number
  /** Safe HTML: the comparison (`comparisonHtml`). */
  body: string
}

/** `/b/<name>/compare?a=&b=`: run B against run A, per result and per sweep point (ratio, significance, verdict). */
export function ComparePage(props: ComparePageProps): string {
  const path = benchmarkPath(props.name)
  const options = (selected: number) =>
    props.runs.map((r) => {
      const l = tabLabel(r.title, r.timeLabel, r.time)
      return (
        <option value={String(r.id)} selected={r.id === selected}>
          {Html.escapeHtml(`#${r.id} ${l.title} (${l.when})`)}
        </option>
      )
    })
  return toHtml(
    <Layout
      title={`${props.name}: compare #${props.b} with #${props.a}`}
      heading={props.name}
      pageScript
      nav={[
        { href: path, label: 'Runs' },
        { href: '/', label: 'All benchmarks' },
        { href: benchmarkApiPath(props.name), label: 'JSON' },
      ]}
    >
      <section class="compare-view">
        <h2>Compare two runs</h2>
        <form class="compare-form" method="get" action={`${path}/compare`}>
          <label>
            A (baseline){' '}
            <select name="a" data-autosubmit="">
              {options(props.a)}
            </select>
          </label>{' '}
          <label>
            B{' '}
            <select name="b" data-autosubmit="">
              {options(props.b)}
            </select>
          </label>{' '}
          <button type="submit">Compare</button>{' '}
          <a href={`${path}/compare?a=${props.b}&b=${props.a}`}>swap</a>
        </form>
        <p class="more">
          Per sweep point: the means of A and B, the ratio B/A, the change, the Mann-Whitney U p-value (<span class="significant">*</span> where the change is
          significant at 0.05) and the verdict (percentage, ±10 %).
        </p>
        {props.body}
        <p>
          <a href={`${path}?run=${props.b}&vs=${props.a}`}>Run #{props.b}</a> · <a href={`${path}?run=${props.a}`}>Run #{props.a}</a>
        </p>
      </section>
    </Layout>
  )
}
