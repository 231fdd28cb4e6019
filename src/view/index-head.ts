// The frame of the index (title, navigation, styles), apart from its table: the server sends the head
// before it reads and draws the rows, as it does for a benchmark's page.
import { layoutHead, type LayoutProps } from './layout'
import type { Links } from './links'

/** What the index puts around its table. */
export function indexFrame(links: Links): Omit<LayoutProps, 'children'> {
  return { links, title: 'bench-plot: benchmarks', heading: 'Benchmarks', nav: [{ href: links.indexJson(), label: 'JSON' }], pageScript: true }
}

/** The head of the index, the same whatever its rows, sort and filter: sent before the page is drawn. */
export function indexPageHead(links: Links): string {
  return layoutHead(indexFrame(links))
}
