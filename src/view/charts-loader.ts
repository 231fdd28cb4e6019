import { escapeHtml } from '../format'

// The one inline script of a page with charts: it asks for /assets/charts.js in a task after the
// first frame, so nothing of the charts' script (its request, its evaluation, the observers and fetches
// it starts) comes before the server's SVGs are on screen. An `async` script tag is fetched at once by
// the preload scanner, and its response and evaluation land in the middle of parsing and the first
// layout (bench, issue 20: +30-70 ms to the first screen of the demo's small pages on a loaded machine).
// Fixed text, allowed by its hash in the pages' policy (`chartsLoaderSource`); its URLs are attributes.
// A tab in the background runs no frames: it loads the script at once.
const loader =
  "(function(s){function go(){var e=document.createElement('script');e.src=s.getAttribute('data-src');" +
  "var x=s.getAttribute('data-echarts');if(x)e.setAttribute('data-echarts',x);document.head.appendChild(e)}" +
  "if(document.visibilityState==='hidden')go();else requestAnimationFrame(function(){setTimeout(go,0)})})(document.currentScript)"

/** The CSP source that allows the loader and nothing else inline. */
// Bun's hasher, not node:crypto: the policy is made at every server's start, and the module is not loaded otherwise.
export const chartsLoaderSource = `'sha256-${new Bun.CryptoHasher('sha256').update(loader).digest('base64')}'`

/** The loader element, last in the body: `chartsJs` is the script's URL, `echartsJs` ECharts' (read by charts.js). */
export function chartsLoader(chartsJs: string, echartsJs: string | undefined): string {
  const echarts = echartsJs === undefined ? '' : ` data-echarts="${escapeHtml(echartsJs)}"`
  return `<script class="bp-charts-loader" data-src="${escapeHtml(chartsJs)}"${echarts}>${loader}</script>`
}
