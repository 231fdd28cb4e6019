// The charts of the compare page, before its tables: per result, A and B on one sweep chart
// (B solid, A dashed, each with its spread) and the ratio B/A per sweep point with its significance.
import { formatRunRef, type ResultComparison, type RunComparison } from '../model/regression'
import { sweepSignature } from '../model/signature'
import type { Run } from '../model/types'
import { pairChartOption, pairSummary, parseChartRequest, ratioChartOption, ratioPoints, ratioSummary, renderSvg, toEChartsOption, type ChartSpec } from '../plots'
import { escapeHtml } from '../format'
import { ChartFigure } from './figure'

/** Ratio charts are as wide as this, and wider for many points (up to twice). */
const ratioWidth = 640

/**
 * Per result of the comparison, by name: the sweep chart of B with A dashed over it when the sweep
 * has a float-like input to put on x, else A and B side by side at each point (both only when the
 * runs have the same inputs; else a sentence says why not), then the ratio chart. Safe HTML, for
 * `ComparisonView`'s `charts`.
 */
export function compareCharts(props: { a: Run; b: Run; comparison: RunComparison }): Record<string, string> {
  const { a, b, comparison: c } = props
  let n = 0
  const svg = (option: Record<string, unknown>, size: { width: number; height: number }) => renderSvg(option, size, `cmp${n++}-`)
  return Object.fromEntries(
    c.results.map((r) => [
      r.result,
      (
        <div class="compare-charts" data-result={escapeHtml(r.result)}>
          {sweepChart(a, b, r, c, svg)}
          {ratioChart(r, c, svg)}
        </div>
      ) as string,
    ]),
  )
}

// --- internal ---

type Svg = (option: Record<string, unknown>, size: { width: number; height: number }) => string

function sweepChart(a: Run, b: Run, r: ResultComparison, c: RunComparison, svg: Svg): string {
  const why = !c.sameInputs ? 'A and B have different inputs: only the ratio chart shows them side by side.' : null
  const sig = sweepSignature(b)
  const x = sig.floatInputs[0]
  if (why) return (<p class="more compare-no-sweep" safe>{why}</p>) as string
  if (x === undefined) return pairChart(a, b, r, c, svg)
  // B is the run drawn, A its overlay: the line kinds draw an overlay dashed with its own band.
  const spec: ChartSpec = { kind: b.repeats >= 2 ? 'curve' : 'line', result: r.result, x, series: sig.catInputs[0], facets: [...sig.catInputs.slice(1), ...sig.floatInputs.slice(1)], requested: false }
  const built = toEChartsOption(spec, b, parseChartRequest({}), { run: a, label: `A: ${formatRunRef(c.a)}` })
  const figures = built.panels.map((panel) =>
    ChartFigure({
      class: 'bp-chart',
      data: { chart: spec.kind, result: r.result, facet: panel.facet ?? undefined, width: built.width, height: built.height, compare: 'sweep' },
      label: `${r.result}: B and A along ${x}${panel.facet ? ` (${panel.facet})` : ''}`,
      description: `B ${formatRunRef(c.b)} drawn solid, A ${formatRunRef(c.a)} dashed over it. ${panel.facet ? `${panel.facet}: ` : ''}${built.summary}`,
      body: svg(panel.option, { width: built.width, height: built.height }),
      option: panel.option,
    }),
  )
  const spread = b.repeats >= 2 || a.repeats >= 2 ? ', each with its ±1 standard deviation band over repeats' : ''
  return (
    <div class={`bp-group compare-sweep${built.panels.length > 1 ? ' bp-facets' : ''}`}>
      {figures.join('')}
      <p class="bp-note" safe>{`Solid: B ${formatRunRef(c.b)}; dashed: A ${formatRunRef(c.a)}${spread}.`}</p>
    </div>
  ) as string
}

// Without a float-like input there is no axis to draw along: A and B side by side at each point.
function pairChart(a: Run, b: Run, r: ResultComparison, c: RunComparison, svg: Svg): string {
  const { shown } = ratioPoints(r.points)
  if (shown.length === 0) return ''
  const size = { width: Math.min(2 * ratioWidth, Math.max(ratioWidth, 24 * shown.length)), height: 360 }
  const option = pairChartOption(r, c, { a, b })
  return (
    <div class="bp-group compare-sweep">
      {ChartFigure({
        class: 'chart chart-pair',
        data: { chart: 'pair', result: r.result, width: size.width, height: size.height, compare: 'sweep' },
        label: `${r.result}: A and B at each sweep point`,
        description: pairSummary(r, c),
        holderClass: 'chart-svg',
        body: svg(option, size),
        option,
      })}
      <p class="bp-note" safe>{`Filled dots and solid lines: B ${formatRunRef(c.b)}; hollow dots and dashed lines: A ${formatRunRef(c.a)}${b.repeats >= 2 || a.repeats >= 2 ? '; lines ±1 standard deviation over repeats' : ''}.`}</p>
    </div>
  ) as string
}

function ratioChart(r: ResultComparison, c: RunComparison, svg: Svg): string {
  const { shown, left } = ratioPoints(r.points)
  if (shown.length === 0) return (<p class="more" safe>{`${r.result}: no sweep point has a value in both runs.`}</p>) as string
  const size = { width: Math.min(2 * ratioWidth, Math.max(ratioWidth, 24 * shown.length)), height: 360 }
  const significant = shown.filter((p) => p.significant).length
  const tested = r.points.filter((p) => p.significant !== null).length
  return (
    <div class="bp-group compare-ratio">
      {ChartFigure({
        class: 'chart chart-ratio',
        data: { chart: 'ratio', result: r.result, width: size.width, height: size.height },
        label: `${r.result}: the ratio B/A per sweep point`,
        description: ratioSummary(r, c),
        holderClass: 'chart-svg',
        body: svg(ratioChartOption(r, c), size),
        option: ratioChartOption(r, c),
      })}
      <p class="bp-note" safe>
        {`Colour: the point's verdict (red regressed, green improved, blue unchanged); filled: the change is significant (Mann-Whitney U, p < 0.05); hollow: not significant${tested < r.points.length ? ' or too few repeats to tell' : ''}. ${significant} of ${shown.length} points significant.${left > 0 ? ` ${left} unchanged points not drawn; every point is in the table and in bench-plot compare --json.` : ''}`}
      </p>
    </div>
  ) as string
}
