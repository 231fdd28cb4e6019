/**
 * Every page of a served store, as a person reaches them from the index: each benchmark's page,
 * its run tabs, its history and compare pages (the links its page has). Paths, the index first.
 */
export async function sitePages(base: string): Promise<string[]> {
  const hrefs = async (path: string) => [...(await (await fetch(new URL(path, base))).text()).matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'))
  const pages = new Set<string>(['/'])
  for (const b of (await hrefs('/')).filter((h) => /^\/b\/[^/?]+$/.test(h))) {
    pages.add(b)
    for (const h of await hrefs(b)) if (h.startsWith(b) && /^\/b\/[^/?]+(\?run=\d+|\?view=history|\/compare\?a=\d+&b=\d+)$/.test(h)) pages.add(h)
  }
  return [...pages]
}

/** Whether a path is a run page: a benchmark's newest run or one of its run tabs. */
export function isRunPage(path: string): boolean {
  return /^\/b\/[^/?]+(\?run=\d+)?$/.test(path)
}
