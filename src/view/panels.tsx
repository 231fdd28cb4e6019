import { escapeHtml } from '../format'
import type { Panel } from '../model/panels'
import { renderSvg } from '../plots'
import type { MediaCheck } from './charts-region'
import { ChartFigure, dataAttributes } from './figure'
import type { Links } from './links'
import { renderMarkdown } from './markdown'

/** Size of an ECharts panel, drawn on the server as the automatic charts are. */
export const panelChartSize = { width: 640, height: 400 }

/** A run's own panels drawn where they go: before and after the automatic charts, and beside each result's. */
export type PlacedPanels = { before: string; after: string; beside(result: string): string }

/**
 * Draw panels (the run's, then those from code) and sort them by place. A panel placed beside a
 * result the run does not have goes after the charts. `idPrefix` keeps the SVG ids of ECharts
 * panels apart from the automatic charts'.
 */
export function placePanels(props: { panels: readonly Panel[]; results: readonly string[]; links: Links; exists: MediaCheck; idPrefix: string }): PlacedPanels {
  const before: string[] = []
  const after: string[] = []
  const beside = new Map<string, string[]>()
  props.panels.forEach((panel, i) => {
    const html = PanelView({ panel, id: `${props.idPrefix}u${i}`, links: props.links, exists: props.exists })
    const result = panel.place.startsWith('result:') ? panel.place.slice('result:'.length) : null
    if (result !== null && props.results.includes(result)) beside.set(result, [...(beside.get(result) ?? []), html])
    else if (panel.place === 'before') before.push(html)
    else after.push(html)
  })
  const region = (parts: string[], where: string) => (parts.length === 0 ? '' : `<section class="bp-panels" data-panels="${where}">\n${parts.join('\n')}\n</section>`)
  return { before: region(before, 'before'), after: region(after, 'after'), beside: (result) => region(beside.get(result) ?? [], 'result') }
}

/** One panel: its title and its body, by kind. Every user string is escaped or sanitised. */
export function PanelView(props: { panel: Panel; id: string; links: Links; exists: MediaCheck }): string {
  const { panel } = props
  return (
    <section class={`bp-panel bp-panel-${panel.kind}`} {...dataAttributes({ 'panel-kind': panel.kind, panel: props.id })}>
      {panel.title ? <h4 class="bp-panel-title" safe>{panel.title}</h4> : ''}
      {PanelBody(props) as 'safe'}
    </section>
  ) as string
}

// --- internal ---

function PanelBody({ panel, id, links, exists }: { panel: Panel; id: string; links: Links; exists: MediaCheck }): string {
  switch (panel.kind) {
    case 'markdown':
      return `<div class="markdown">${renderMarkdown(panel.text)}</div>`
    case 'image':
    case 'video': {
      if (!exists(panel.path)) return (<p class="bp-missing" data-missing={escapeHtml(panel.path)} safe>{`missing: ${panel.path}`}</p>) as string
      const src = escapeHtml(links.media(panel.path))
      const alt = escapeHtml(panel.title || panel.path)
      return panel.kind === 'image'
        ? ((<a href={src}><img class="bp-media" src={src} alt={alt} loading="lazy" /></a>) as string)
        : ((<video class="bp-media" src={src} controls aria-label={alt} {...{ preload: 'metadata' }}></video>) as string)
    }
    case 'table':
      return (
        <div class="table-wrap">
          <table class="data">
            <thead>
              <tr>{panel.columns.map((c) => <th scope="col" safe>{c}</th>).join('') as 'safe'}</tr>
            </thead>
            <tbody>
              {panel.rows
                .map((r) => `<tr>${r.map((c) => (<td class={typeof c === 'number' ? 'num' : undefined} safe>{c === null ? '' : String(c)}</td>) as string).join('')}</tr>`)
                .join('') as 'safe'}
            </tbody>
          </table>
        </div>
      ) as string
    case 'echarts': {
      let body: string
      try {
        body = renderSvg(panel.option, panelChartSize, id)
      } catch (err) {
        return (<p class="bp-error" role="alert" safe>{`This ECharts panel failed to render: ${err instanceof Error ? err.message : String(err)}`}</p>) as string
      }
      return ChartFigure({
        class: 'bp-chart bp-panel-chart',
        data: { chart: 'echarts', figure: id, width: panelChartSize.width, height: panelChartSize.height, result: panel.title || undefined },
        label: panel.title || 'ECharts panel',
        body,
        option: panel.option,
      })
    }
  }
}
