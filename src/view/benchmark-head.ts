// The frame of a benchmark's page (title, navigation, styles), apart from its body: the server sends
// the head before it loads the modules that draw the rest (markdown, charts, verdicts).
import { layoutHead, type LayoutProps } from './layout'
import type { Links } from './links'

/** The head of a benchmark's page, the same for every run: sent before the page is drawn. */
export function benchmarkPageHead(links: Links, name: string): string {
  return layoutHead(benchmarkFrame(links, name))
}

/** What a benchmark's page puts around its body. */
export function benchmarkFrame(links: Links, name: string): Omit<LayoutProps, 'children'> {
  return {
    links,
    title: name,
    charts: true,
    nav: [
      { href: links.index(), label: 'All benchmarks' },
      { href: links.benchmarkJson(name), label: 'JSON' },
    ],
  }
}
