/**
 * A run page as a browser ends up showing it: each chart placeholder (`div.bp-lazy-chart`) replaced by
 * the figures its URL serves, and each lazy figure's placeholder by the SVG its own URL serves.
 */
export async function withLazyParts(page: string, get: (path: string) => Promise<string>): Promise<string> {
  const unescape = (s: string) => s.replaceAll('&amp;', '&')
  let html = page
  for (const m of [...html.matchAll(/<div class="bp-lazy-chart" [^>]*data-chart-url="([^"]+)">[\s\S]*?<\/div>/g)]) {
    html = html.replace(m[0], await get(unescape(m[1])))
  }
  for (const m of [...html.matchAll(/data-lazy="([^"]+)"[^>]*><div class="[^"]*bp-svg">(<svg class="bp-placeholder"[\s\S]*?<\/noscript>)/g)]) {
    html = html.replace(m[2], await get(unescape(m[1])))
  }
  return html
}
