import { sweepSignature } from '../model/signature'
import { pointCoordinates } from '../model/sweep'
import type { ResultVar, Run } from '../model/types'
import { chooseCharts, type ChartSpec } from './choose'
import { axisTitle, componentName, findOptimum, formatNumber, formatValue, numericView } from './data'
import { toEChartsOption, type BuiltChart, type ChartOverlay, type ChartPanel } from './options'
import { renderSvg } from './render-svg'
import { formatChartQuery, namedPlots, type ChartRequest } from './request'
import { cellStats } from './stats-cell'

/** Links the server gives to files under the cache directory. */
export type MediaLinks = {
  mediaUrl(relPath: string): string
  rrdUrl(relPath: string): string
  exists(relPath: string): boolean
  /** Recordings' checks and their inline viewer (src/server/rerun); absent, a recording is only a link. */
  rerun?: { problem(relPath: string): string | null; viewer(result: string, recordings: { label: string; relPath: string }[]): string }
}

export type RenderChartsOptions = {
  /** Query parameters the chart controls' links keep (the run tab, the compared run). @default {} */
  keep?: Record<string, string>
  /** Another run of the same inputs drawn dashed over line and curve charts. */
  overlay?: ChartOverlay
  /**
   * Figures drawn as SVG on the server, in page order; the others carry only their option and are
   * drawn by the browser when scrolled into view, which keeps a page of many charts quick to send. @default every figure
   */
  eagerFigures?: number
  /** Where a figure's server-drawn SVG is served, for browsers without JavaScript and for downloads. Required with `eagerFigures`. */
  figureUrl?: (id: string) => string
  /**
   * Where a chart is served alone, as the HTML of its figures (`renderRunChart`). With it, a chart that
   * would have no figure drawn on the server is left out: the page holds a placeholder the browser
   * fills when it scrolls near (without JavaScript, a frame), so its options are built only when wanted.
   */
  chartUrl?: (id: string) => string
}

/** Rows shown in one table before the rest is summarised in a note. */
export const maxTableRows = 500
const maxMediaRows = 100

/**
 * The whole charts region of a run page as a safe HTML fragment (every user string escaped),
 * plus the run's one-line signature. Charts are SVG drawn on the server; each carries its
 * ECharts option as JSON for hydration by `/assets/charts.js`.
 */
export function renderRunCharts(run: Run, req: ChartRequest, media: MediaLinks, opts: RenderChartsOptions = {}): { html: string; signature: string } {
  let eager = opts.figureUrl ? (opts.eagerFigures ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY
  const chartUrl = opts.chartUrl
  const later = opts.figureUrl ? lazyFigures(opts.figureUrl) : null
  const draw: DrawFigure = (id, panel, built) => {
    if (eager > 0 || !later) {
      eager--
      return { body: renderSvg(panel.option, { width: built.width, height: built.height }, id) }
    }
    return later(id, panel, built)
  }
  // Once every eager figure is drawn, the charts left are placeholders: nothing of them is built now.
  const defer = chartUrl ? (chart: string, spec: ChartSpec) => (eager > 0 ? null : lazyChart(chartUrl(chart), spec)) : undefined
  return walkCharts(run, req, media, opts, draw, defer)
}

/**
 * One chart of `renderRunCharts` alone (same run, request and overlay), by the id its placeholder
 * names (`r<run>s<chart>`): its figures, each left to the browser to draw (`figureUrl` serves their
 * SVG), and its notes. Null when there is no such chart. What a placeholder's URL serves.
 */
export function renderRunChart(run: Run, req: ChartRequest, id: string, opts: Pick<RenderChartsOptions, 'overlay'> & { figureUrl: (id: string) => string }): string | null {
  const chart = chartById(run, req, id)
  if (!chart || chart.panel !== null) return null
  const spec = chart.spec
  try {
    const built = toEChartsOption(spec, run, req, opts.overlay)
    return renderBuilt(built, id, lazyFigures(opts.figureUrl))
  } catch (err) {
    return errorBox(spec, err)
  }
}

/**
 * The server-drawn SVG of one figure of `renderRunCharts` (same run, request and overlay), by the
 * id the page gave it; null when there is no such figure. What a lazy figure's URL serves.
 */
export function renderRunFigure(run: Run, req: ChartRequest, id: string, opts: Pick<RenderChartsOptions, 'overlay'> = {}): string | null {
  // The id names the chart and its panel, so only that chart is built.
  const chart = chartById(run, req, id)
  if (!chart || chart.panel === null) return null
  const built = toEChartsOption(chart.spec, run, req, opts.overlay)
  const panel = built.panels[chart.panel]
  return panel ? renderSvg(panel.option, { width: built.width, height: built.height }, id) : null
}

// The chart an id names (`r<run>s<chart>`, or `r<run>s<chart>p<panel>` for one of its figures); null for none or a table.
function chartById(run: Run, req: ChartRequest, id: string): { spec: ChartSpec; panel: number | null } | null {
  const at = id.match(/^r(\d+)s(\d+)(?:p(\d+))?$/)
  if (!at || Number(at[1]) !== (run.id ?? 0)) return null
  const spec = chooseCharts(sweepSignature(run), req).specs[Number(at[2])]
  if (!spec || spec.kind === 'table') return null
  return { spec, panel: at[3] === undefined ? null : Number(at[3]) }
}

/** Escape text for HTML content and attribute values. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string)
}

// --- internal ---

/** What goes inside a figure's `.bp-svg` holder: its SVG, or a placeholder the browser draws over. */
type DrawFigure = (id: string, panel: ChartPanel, built: BuiltChart) => { body: string; lazyUrl?: string }

// The charts region in page order. A figure's id is `r<run>s<chart>p<panel>`: `renderRunFigure` builds that chart alone.
function walkCharts(
  run: Run,
  req: ChartRequest,
  media: MediaLinks,
  opts: RenderChartsOptions,
  draw: DrawFigure,
  defer?: (chart: string, spec: ChartSpec) => string | null,
): { html: string; signature: string } {
  const sig = sweepSignature(run)
  const { specs, notices } = chooseCharts(sig, req)
  const out: string[] = ['<section class="bp-charts">', renderControls(req, opts.keep ?? {})]
  for (const n of notices) out.push(`<p class="bp-notice" role="status">${esc(n.reason)}</p>`)
  let drawn = 0
  const prefix = `r${run.id ?? 0}`
  for (const result of run.results) {
    const mine = specs.filter((s) => s.result === result.name)
    if (mine.length === 0) continue
    out.push(`<section class="bp-result" data-result-section="${esc(result.name)}">`, resultHeading(run, result))
    for (const spec of mine) {
      try {
        const chart = `${prefix}s${specs.indexOf(spec)}`
        if (spec.kind === 'table') out.push(renderTable(run, result, spec, media))
        else out.push(defer?.(chart, spec) ?? renderBuilt(toEChartsOption(spec, run, req, opts.overlay), chart, draw))
        drawn++
      } catch (err) {
        out.push(errorBox(spec, err))
      }
    }
    out.push('</section>')
  }
  if (drawn === 0) out.push(`<p class="bp-nothing" role="status">No plot represents these results (${esc(sig.text)}).</p>`)
  out.push('</section>')
  return { html: out.join('\n'), signature: sig.text }
}

// Figures the browser draws: a box of the chart's size until it does; without JavaScript, the server's SVG (at `figureUrl`) as an image.
function lazyFigures(figureUrl: (id: string) => string): DrawFigure {
  return (id, panel, built) => {
    const url = figureUrl(id)
    const { width: w, height: h } = built
    const alt = `${built.title}${panel.facet ? ` (${panel.facet})` : ''}`
    const body =
      `<svg class="bp-placeholder" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" aria-hidden="true"></svg>` +
      `<noscript><img class="bp-lazy-svg" src="${esc(url)}" width="${w}" height="${h}" alt="${esc(alt)}" loading="lazy"></noscript>`
    return { body, lazyUrl: url }
  }
}

// A chart not built yet: the browser fetches its figures when it scrolls near; without JavaScript a frame shows them.
function lazyChart(url: string, spec: ChartSpec): string {
  const what = `${spec.kind} chart of ${spec.result}${spec.component === undefined ? '' : `_${componentName(spec.component)}`}`
  const frame = `${url}${url.includes('?') ? '&' : '?'}frame=1`
  return (
    `<div class="bp-lazy-chart" data-kind="${esc(spec.kind)}" data-result="${esc(spec.result)}" data-chart-url="${esc(url)}">` +
    `<noscript><iframe class="bp-lazy-frame" src="${esc(frame)}" title="${esc(what)}" loading="lazy"></iframe></noscript></div>`
  )
}

const plotLabels: Record<string, string> = { violin: 'violin', 'scatter-jitter': 'scatter (jitter)', scatter: 'scatter', band: 'percentile band', table: 'table' }

function renderControls(req: ChartRequest, keep: Record<string, string>): string {
  // Links keep the page's other parameters, so a chart option on an older run's tab stays on that tab.
  const href = (next: ChartRequest) => {
    const kept = new URLSearchParams(keep).toString()
    const charts = formatChartQuery(next).slice(1)
    return `?${[kept, charts].filter(Boolean).join('&')}`
  }
  const toggle = (plot: string) => {
    const on = req.plots.includes(plot)
    const next = { ...req, plots: on ? req.plots.filter((p) => p !== plot) : [...req.plots, plot] }
    return link(href(next), plotLabels[plot] ?? plot, on, `plot-${plot}`)
  }
  const logx = link(href({ ...req, logx: !req.logx }), 'log x', req.logx, 'logx')
  const logy = link(href({ ...req, logy: !req.logy }), 'log y', req.logy, 'logy')
  const reset = req.plots.length || req.logx || req.logy ? ` <a class="bp-reset" href="${esc(href({ plots: [], logx: false, logy: false }))}">automatic charts only</a>` : ''
  return `<nav class="bp-controls" aria-label="Chart options"><span>Also draw:</span> ${namedPlots.map(toggle).join(' ')} <span class="bp-sep">Axes:</span> ${logx} ${logy}${reset}</nav>`
}

function link(href: string, label: string, on: boolean, key: string): string {
  return `<a class="bp-toggle${on ? ' bp-on' : ''}" data-control="${esc(key)}" aria-pressed="${on}" href="${esc(href)}">${on ? '✓ ' : ''}${esc(label)}</a>`
}

function resultHeading(run: Run, result: ResultVar): string {
  const dir = result.direction === 'minimize' ? 'lower is better' : result.direction === 'maximize' ? 'higher is better' : ''
  const parts = [`<h3 class="bp-result-title">${esc(axisTitle(result.name, result.units))}${dir ? ` <small class="bp-direction">${dir}</small>` : ''}</h3>`]
  if (result.doc) parts.push(`<p class="bp-doc">${esc(result.doc)}</p>`)
  const numeric = result.kind === 'float' || result.kind === 'bool' || result.kind === 'vec'
  if (numeric && result.direction !== 'none') {
    const comps = result.kind === 'vec' ? Array.from({ length: result.size ?? 1 }, (_, k) => k) : [undefined]
    for (const k of comps) {
      let best: ReturnType<typeof findOptimum> = null
      let view: ReturnType<typeof numericView>
      try {
        view = numericView(run, result, k)
        best = findOptimum(run, view)
      } catch {
        continue // the chart below shows the error
      }
      if (!best) continue
      const where = Object.entries(best.inputs).map(([n, v]) => `${n}=${formatValue(v)}`).join(', ')
      const units = result.units && result.units !== 'ul' ? ` ${result.units}` : ''
      const how = run.repeats > 1 ? ` (mean of ${best.n} repeat${best.n === 1 ? '' : 's'})` : ''
      parts.push(
        `<p class="bp-best" data-best="${esc(view.label)}">Best ${esc(view.label)} (${result.direction === 'minimize' ? 'lowest' : 'highest'}): <strong>${esc(formatNumber(best.mean))}${esc(units)}</strong>${how}${where ? ` at ${esc(where)}` : ''}</p>`,
      )
    }
  }
  return parts.join('\n')
}

function figureAttrs(spec: ChartSpec, extra: Record<string, string | undefined> = {}): string {
  const attrs: Record<string, string | undefined> = {
    'data-chart': spec.kind,
    'data-result': spec.result,
    'data-component': spec.component === undefined ? undefined : componentName(spec.component),
    ...extra,
  }
  return Object.entries(attrs)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => `${k}="${esc(v)}"`)
    .join(' ')
}

function renderBuilt(built: BuiltChart, chartId: string, draw: DrawFigure): string {
  const { spec } = built
  const figure = (panel: ChartPanel) => {
    // By the panel's place in the chart, not on the page: tabs group panels in another order.
    const id = `${chartId}p${built.panels.indexOf(panel)}`
    let drawn: ReturnType<DrawFigure>
    try {
      drawn = draw(id, panel, built)
    } catch (err) {
      return errorBox(spec, err, panel.facet)
    }
    const json = JSON.stringify(panel.option).replace(/</g, '\\u003c')
    const label = `${built.title}${panel.facet ? ` (${panel.facet})` : ''}`
    return [
      `<figure class="bp-chart" ${figureAttrs(spec, { 'data-facet': panel.facet ?? undefined, 'data-width': String(built.width), 'data-height': String(built.height), 'data-figure': id, 'data-lazy': drawn.lazyUrl })} aria-label="${esc(label)}">`,
      `<div class="bp-svg">${drawn.body}</div>`,
      `<script type="application/json" class="chart-option">${json}</script>`,
      '</figure>',
    ].join('')
  }
  const parts: string[] = []
  const kindClass = `bp-group bp-group-${spec.kind}`
  if (built.panels.length <= 1) parts.push(`<div class="${kindClass}">`, ...built.panels.map(figure))
  else if (!built.tabsBy) parts.push(`<div class="${kindClass} bp-facets">`, ...built.panels.map(figure))
  else {
    // Many small multiples: one tab per value of the first facet input, a grid inside each (CSS only, no JS needed).
    const groups = new Map<string, ChartPanel[]>()
    for (const p of built.panels) {
      const key = p.facetValues[0]
      groups.set(key, [...(groups.get(key) ?? []), p])
    }
    const name = `${chartId}-tabs`
    parts.push(`<div class="${kindClass} bp-tabs">`)
    let i = 0
    for (const key of groups.keys()) {
      parts.push(`<input type="radio" name="${name}" id="${name}-${i}"${i === 0 ? ' checked' : ''}><label for="${name}-${i}">${esc(key)}</label>`)
      i++
    }
    for (const ps of groups.values()) parts.push(`<div class="bp-tabpanel bp-facets">${ps.map(figure).join('\n')}</div>`)
  }
  for (const n of built.notes) parts.push(`<p class="bp-note">${esc(n)}</p>`)
  parts.push('</div>')
  return parts.join('\n')
}

function errorBox(spec: ChartSpec, err: unknown, facet?: string | null): string {
  const message = err instanceof Error ? err.message : String(err)
  const what = `${spec.kind} chart of ${spec.result}${spec.component === undefined ? '' : `_${componentName(spec.component)}`}${facet ? ` (${facet})` : ''}`
  return `<figure class="bp-chart bp-error" ${figureAttrs(spec, { 'data-facet': facet ?? undefined, 'data-error': '1' })} role="alert"><strong>The ${esc(what)} failed to render:</strong> ${esc(message)}</figure>`
}

function renderTable(run: Run, result: ResultVar, spec: ChartSpec, media: MediaLinks): string {
  const numeric = result.kind === 'float' || result.kind === 'bool' || result.kind === 'vec'
  return numeric ? numericTable(run, result, spec) : valueTable(run, result, spec, media)
}

function headerCells(run: Run): string {
  return run.inputs.map((v) => `<th scope="col">${esc(axisTitle(v.name, v.units))}</th>`).join('')
}

function inputCells(run: Run, point: number): string {
  const c = pointCoordinates(run.inputs, point)
  return run.inputs.map((v, i) => `<td>${esc(formatValue(v.values[c[i]]))}</td>`).join('')
}

function tableShell(spec: ChartSpec, head: string, rows: string[], total: number, cap: number, caption: string): string {
  const note = total > cap ? `<p class="bp-note">Showing the first ${cap} of ${total} rows.</p>` : ''
  return `<figure class="bp-chart bp-table" ${figureAttrs(spec)}><figcaption>${esc(caption)}</figcaption><div class="bp-table-scroll"><table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>${note}</figure>`
}

function numericTable(run: Run, result: ResultVar, spec: ChartSpec): string {
  const view = numericView(run, result, spec.component)
  const rows: string[] = []
  const bool = result.kind === 'bool'
  for (let p = 0; p < view.points && rows.length < maxTableRows; p++) {
    const vals: number[] = []
    for (let r = 0; r < view.repeats; r++) {
      const v = view.value(p, r)
      if (Number.isFinite(v)) vals.push(v)
    }
    const st = cellStats(vals, bool)
    const cells = [st.n, st.mean, st.std, st.min, st.max].map((x, i) => `<td class="bp-num">${i === 0 ? x : esc(formatNumber(x))}</td>`).join('')
    rows.push(`<tr>${inputCells(run, p)}${cells}</tr>`)
  }
  const unit = result.units && result.units !== 'ul' ? ` [${result.units}]` : ''
  const head = `${headerCells(run)}<th scope="col">n</th><th scope="col">mean${esc(unit)}</th><th scope="col">${bool ? 'binomial s.e.' : 'std'}</th><th scope="col">min</th><th scope="col">max</th>`
  return tableShell(spec, head, rows, view.points, maxTableRows, `${view.label}: statistics per sweep point`)
}

function valueTable(run: Run, result: ResultVar, spec: ChartSpec, media: MediaLinks): string {
  const col = run.data[result.name]
  const values = Array.isArray(col) ? col : []
  const isMedia = result.kind !== 'string'
  const cap = isMedia ? maxMediaRows : maxTableRows
  const points = run.inputs.reduce((n, v) => n * v.values.length, 1)
  const rows: string[] = []
  const recordings: { label: string; relPath: string }[] = []
  let total = 0
  for (let p = 0; p < points; p++) {
    for (let r = 0; r < run.repeats; r++) {
      const v = values[p * run.repeats + r] ?? null
      total++
      if (rows.length >= cap) continue
      const rep = run.repeats > 1 ? `<td class="bp-num">${r + 1}</td>` : ''
      rows.push(`<tr>${inputCells(run, p)}${rep}<td>${valueCell(result, v, media)}</td></tr>`)
      if (v !== null && result.kind === 'rerun') recordings.push({ label: pointLabel(run, p, r), relPath: v })
    }
  }
  const head = `${headerCells(run)}${run.repeats > 1 ? '<th scope="col">repeat</th>' : ''}<th scope="col">${esc(axisTitle(result.name, result.units))}</th>`
  const table = tableShell(spec, head, rows, total, cap, `${result.name} (${result.kind})`)
  return media.rerun && recordings.length > 0 ? `${table}\n${media.rerun.viewer(result.name, recordings)}` : table
}

// A sweep point as the rerun viewer's selector names it, `n=10, algo=quick` (and the repeat when there are several).
function pointLabel(run: Run, point: number, repeat: number): string {
  const c = pointCoordinates(run.inputs, point)
  const where = run.inputs.map((v, i) => `${v.name}=${formatValue(v.values[c[i]])}`).join(', ')
  const rep = run.repeats > 1 ? `repeat ${repeat + 1}` : ''
  return [where, rep].filter(Boolean).join(', ') || 'the run'
}

function valueCell(result: ResultVar, v: string | null, media: MediaLinks): string {
  if (v === null) return '<span class="bp-missing">no value</span>'
  if (result.kind === 'string') return `<span class="bp-string">${esc(v)}</span>`
  if (!media.exists(v)) return `<span class="bp-missing" data-missing="${esc(v)}">missing: ${esc(v)}</span>`
  const name = v.split('/').pop() ?? v
  switch (result.kind) {
    case 'image':
      return `<a href="${esc(media.mediaUrl(v))}"><img class="bp-media" src="${esc(media.mediaUrl(v))}" alt="${esc(v)}" loading="lazy"></a>`
    case 'video':
      return `<video class="bp-media" src="${esc(media.mediaUrl(v))}" controls preload="metadata"></video>`
    case 'rerun': {
      const problem = media.rerun?.problem(v) ?? null
      const note = problem === null ? '' : ` <span class="bp-rerun-note" data-problem="${esc(v)}">${esc(problem)}</span>`
      return `<a class="bp-rerun" href="${esc(media.rrdUrl(v))}">${esc(name)} (open recording)</a>${note}`
    }
    default:
      return `<a class="bp-download" href="${esc(media.mediaUrl(v))}" download="${esc(name)}">${esc(name)}</a>`
  }
}
