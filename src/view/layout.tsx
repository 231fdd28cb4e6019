import type { PropsWithChildren } from '@elysiajs/html'
import { clientAssets } from '../plots/assets'
import { escapeHtml } from '../format'
import { chartsLoader } from './charts-loader'
import { styleCss } from './style'
import type { Links } from './links'

export type LayoutProps = PropsWithChildren<{
  links: Links
  /** Page title, plain text. */
  title: string
  /** Plain-text heading; defaults to the title. */
  heading?: string
  /** Whether the charts' stylesheet and scripts are linked. */
  charts?: boolean
  nav?: { href: string; label: string }[]
  /** Whether the page script (index sorting and filtering, forms that submit on change) is linked. @default false */
  pageScript?: boolean
}>

/** The frame of every page: title, top bar, its stylesheet inline, and the charts' assets when asked. All served from the binary. */
export function Layout(props: LayoutProps): string {
  const { links } = props
  return (
    '<!doctype html>' +
    toHtml(
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title safe>{props.title}</title>
          <link rel="icon" href="data:," />
          {stylesheets(props.charts ?? false)}
          {props.pageScript ? <script defer src={links.asset('pages.js')}></script> : ''}
        </head>
        <body>
          <header class="top">
            <h1 safe>{props.heading ?? props.title}</h1>
            <a class="brand" href={links.index()}>
              bench-plot
            </a>
            {props.nav && props.nav.length > 0 ? (
              <nav aria-label="Data">
                {props.nav.map((n) => (
                  <a href={escapeHtml(n.href)} safe>
                    {n.label}
                  </a>
                ))}
              </nav>
            ) : (
              ''
            )}
          </header>
          <main>{props.children as 'safe'}</main>
          {/* charts.js is asked for after the first frame (charts-loader.ts); ECharts by charts.js when a chart comes alive. */}
          {(props.charts && hasAsset('charts.js') ? chartsLoader(links.asset('charts.js'), hasAsset('echarts.min.js') ? links.asset('echarts.min.js') : undefined) : '') as 'safe'}
        </body>
      </html>
    )
  )
}

/**
 * A chart alone, as the frame of its placeholder shows it to a browser without JavaScript: the
 * stylesheets and the figures (their SVG as images), nothing else.
 */
export function ChartFrame(props: PropsWithChildren<{ links: Links; title: string }>): string {
  return (
    '<!doctype html>' +
    toHtml(
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <title safe>{props.title}</title>
          {stylesheets(true)}
        </head>
        <body class="bp-frame">{props.children as 'safe'}</body>
      </html>
    )
  )
}

const contentMark = '\u0000content\u0000'

/** Everything of a page before its content: what can be sent while the content is drawn. */
export function layoutHead(props: Omit<LayoutProps, 'children'>): string {
  const page = Layout({ ...props, children: contentMark })
  return page.slice(0, page.indexOf(contentMark))
}

/** A rendered element as a string: pages here are never async. */
export function toHtml(el: JSX.Element): string {
  if (typeof el !== 'string') throw new Error('unexpected async component')
  return el
}

/** The CSS of a page: bench-plot's stylesheet, and with charts theirs. */
export function pageCss(charts: boolean): string {
  return charts && hasAsset('charts.css') ? `${styleCss}\n${clientAssets['charts.css'].body}` : styleCss
}

/** CSS as a `<style>` element: `</style` inside it, which would end the element, is written `<\/style`. */
export function inlineStyle(css: string): string {
  return `<style>${css.replace(/<\/(style)/gi, '<\\/$1')}</style>`
}

// --- internal ---

// The page's stylesheet, and with charts theirs, inline: a linked sheet blocks the first paint until
// it arrives, and a server busy drawing the page's first charts answers it late (bench: 0.4 s at 10^3).
// Without JavaScript a lazy chart is the server's SVG as an image, so the box the browser would draw in is hidden
// (a selector that outweighs `figure.chart .bp-svg svg`, which shows the over-time charts' SVG).
function stylesheets(charts: boolean): string {
  return `${inlineStyle(pageCss(charts))}${charts ? '<noscript><style>figure .bp-svg svg.bp-placeholder{display:none}</style></noscript>' : ''}`
}

function hasAsset(name: string): boolean {
  return Object.hasOwn(clientAssets, name)
}
