import type { RunHeader } from '../store'
import { escapeHtml } from '../format'
import { Layout } from './layout'
import type { Links } from './links'
import { runChoice } from './run-tabs'

export type ComparePageProps = {
  links: Links
  name: string
  runs: RunHeader[]
  /** Run ids: B is judged against A. */
  a: number
  b: number
  /** Safe HTML: the comparison (`ComparisonView`). */
  body: string
}

/** `/b/<name>/compare?a=&b=`: run B against run A, per result and per sweep point (ratio, significance, verdict). */
export function ComparePage(props: ComparePageProps): string {
  const { links, name } = props
  const options = (selected: number) =>
    props.runs.map((r) => (
      <option value={String(r.id)} selected={r.id === selected} safe>
        {runChoice(r)}
      </option>
    ))
  return Layout({
    links,
    title: `${name}: compare #${props.b} with #${props.a}`,
    heading: name,
    charts: true,
    pageScript: true,
    nav: [
      { href: links.benchmark(name), label: 'Runs' },
      { href: links.index(), label: 'All benchmarks' },
      { href: links.benchmarkJson(name), label: 'JSON' },
    ],
    children: (
      <section class="compare-view">
        <h2>Compare two runs</h2>
        {links.dynamic ? (
          <form class="compare-form" method="get" action={escapeHtml(links.compareAction(name))}>
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
            <button type="submit">Compare</button> <a href={escapeHtml(links.compare(name, props.b, props.a))}>swap</a>
          </form>
        ) : (
          <p class="compare-form">
            <a href={escapeHtml(links.compare(name, props.b, props.a))}>swap</a>
          </p>
        )}
        <p class="more">
          Per result: A and B along the sweep (B solid, A dashed), the ratio B/A per sweep point, then per point the means of A and B, the ratio B/A, the change,
          the Mann-Whitney U p-value (<span class="significant">*</span> where the change is significant at 0.05) and the verdict (percentage, ±10 %).
        </p>
        {props.body}
        <p>
          <a href={escapeHtml(links.benchmark(name, { run: props.b, vs: props.a }))}>Run #{props.b}</a> · <a href={escapeHtml(links.benchmark(name, { run: props.a }))}>Run #{props.a}</a>
        </p>
      </section>
    ) as string,
  })
}
