import { escapeHtml, scriptJson } from '../format'

type ChartFigureProps = {
  /** Classes of the figure (`bp-chart`, or `chart chart-history`). */
  class: string
  /** `data-*` attributes (without the prefix); undefined ones are left out. */
  data: Record<string, string | number | undefined>
  /** Accessible name. */
  label?: string
  /** Text alternative of what the chart shows (its range, its best point), read by screen readers. */
  description?: string
  /** What the figure shows before the browser draws it: the server's SVG, or a placeholder. Safe HTML. */
  body: string
  /** Class of the body's holder, besides `bp-svg` (the holder /assets/charts.js swaps for the live chart). */
  holderClass?: string
  /** The ECharts option the browser hydrates. */
  option: unknown
}

/**
 * A chart: its SVG (or placeholder) and its ECharts option as JSON, which /assets/charts.js turns into a live chart.
 * A figure showing its chart carries `data-drawn`: `svg` from the server, `live` once the browser's chart has finished drawing.
 */
export function ChartFigure(props: ChartFigureProps): string {
  // `data-drawn`: the chart is on screen as it is, the server's SVG (what the bench times, scripts/bench/browser.ts).
  const drawn = /^<svg[\s>]/.test(props.body) && !props.body.startsWith('<svg class="bp-placeholder"') ? 'svg' : undefined
  return (
    <figure class={props.class} {...dataAttributes(props.data)} data-drawn={drawn} aria-label={props.label === undefined ? undefined : escapeHtml(props.label)}>
      <div class={props.holderClass ? `${props.holderClass} bp-svg` : 'bp-svg'}>{props.body as 'safe'}</div>
      {props.description ? (
        <figcaption class="bp-alt" safe>
          {props.description}
        </figcaption>
      ) : (
        ''
      )}
      <script type="application/json" class="chart-option">
        {scriptJson(props.option) as 'safe'}
      </script>
    </figure>
  ) as string
}

/**
 * What a figure drawn later holds: a box of its size, filled by /assets/charts.js from `url` (the
 * server's SVG) as it scrolls near; without JavaScript, that SVG as an image.
 */
export function placeholderBody(url: string, size: { width: number; height: number }, alt: string): string {
  const { width: w, height: h } = size
  return (
    `<svg class="bp-placeholder" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" aria-hidden="true"></svg>` +
    `<noscript><img class="bp-lazy-svg" src="${escapeHtml(url)}" width="${w}" height="${h}" alt="${escapeHtml(alt)}" loading="lazy"></noscript>`
  )
}

/** `data-*` attributes from a record, escaped; undefined values are left out. */
export function dataAttributes(data: Record<string, string | number | undefined>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(data)) if (v !== undefined) out[`data-${k}`] = escapeHtml(String(v))
  return out
}
