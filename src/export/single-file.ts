// `export --single-file`: one benchmark's pages in one HTML file. Each page is a section shown when
// the address's fragment names it (`:target`), so tabs switch without loading anything; charts the
// server would send later are templates of the file, styles and scripts are inside it.
import { BenchPlotError } from '../errors'
import { escapeHtml } from '../format'
import { clientAssets } from '../plots'
import type { BenchmarkSource } from '../server/source'
import { inlineStyle, pageCss, staticLinks, type Links } from '../view'
import { chosenSource, exportContext } from './index'
import { chartHtml, renderFile } from './render'
import { createSiteMap, diskPath } from './site'
import { writeFileAtomically } from './write-file'

export type SingleFileOptions = { source: BenchmarkSource; name: string; file: string; force: boolean; cachedir: string | null; location: string }

/** Write `file`: the benchmark's run pages, history and compare pages, with their charts. Returns its bytes. */
export async function writeSingleFile(opts: SingleFileOptions): Promise<number> {
  const source = await chosenSource(opts.source, [opts.name])
  const runs = await source.listRuns(opts.name)
  const newest = runs[runs.length - 1].id
  const site = createSiteMap({ media: false })
  const ctx = exportContext(source, { cachedir: opts.cachedir, location: opts.location, media: false })
  const ids = new Map<string, string>()
  const idOf = (path: string) => {
    let id = ids.get(path)
    if (!id) ids.set(path, (id = `bp-${ids.size}`))
    return id
  }
  // Report paths become fragments of the one file; the benchmark's first page is its newest run's.
  const top = staticLinks('')
  const inFile = (links: Links): Links => {
    // `links` notes the page to write; its id comes from its place in the report, the same from every page.
    const page = (_noted: string, path: string) => `#${idOf(diskPath(path))}`
    const first = { run: newest }
    return {
      ...links,
      index: () => page(links.benchmark(opts.name, first), top.benchmark(opts.name, first)),
      benchmark: (name, s = {}) => {
        const state = s.run === undefined ? { ...s, run: newest } : s
        return page(links.benchmark(name, state), top.benchmark(name, state))
      },
      history: (name, s) => page(links.history(name, s), top.history(name, s)),
      compare: (name, a, b) => page(links.compare(name, a, b), top.compare(name, a, b)),
      chart: (name, id, s, frame) => (frame ? '' : page(links.chart(name, id, s), top.chart(name, id, s))),
      figure: () => '',
      benchmarkJson: () => page(links.benchmark(opts.name, first), top.benchmark(opts.name, first)),
      asset: (file) => `#asset-${file}`,
      samples: () => '',
      media: () => '',
      recording: () => '',
      recordingViewer: () => '',
    }
  }
  inFile(site.linksFor('')).benchmark(opts.name, { run: newest })
  const sections: string[] = []
  const templates: string[] = []
  for (let file = site.next(); file; file = site.next()) {
    if (!['benchmark', 'history', 'compare', 'chart'].includes(file.what.kind)) continue
    const id = idOf(file.path)
    if (file.what.kind === 'chart') {
      const html = await chartHtml({ ...ctx, links: inFile(site.linksFor('')) }, file.what)
      templates.push(`<template id="${id}">${html}</template>`)
      continue
    }
    const sub = { ...site, linksFor: (p: string) => inFile(site.linksFor(p)) }
    const content = await renderFile(ctx, sub, file)
    if (content !== null && 'text' in content) sections.push(`<section class="bp-page" id="${id}">${mainOf(content.text)}</section>`)
  }
  if (sections.length === 0) throw new BenchPlotError('NOT_FOUND', `benchmark "${opts.name}" has no page to write`)
  const html = page(opts.name, sections, templates)
  writeFileAtomically(opts.file, opts.force, html)
  return Buffer.byteLength(html)
}

// --- internal ---

function mainOf(html: string): string {
  const start = html.indexOf('<main>')
  const end = html.lastIndexOf('</main>')
  return start < 0 || end < 0 ? html : html.slice(start + 6, end)
}

// Scripts inside a file: `</script` in them would end the element, so it is written `<\/script`.
function inlineScript(body: string): string {
  return `<script>${body.replace(/<\/(script)/gi, '<\\/$1')}</script>`
}

function page(name: string, sections: string[], templates: string[]): string {
  const css = `${pageCss(true)}
.bp-page{display:none}
.bp-page:target,body:not(:has(.bp-page:target)) .bp-page:first-of-type{display:block}`
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(name)}</title><link rel="icon" href="data:,">
${inlineStyle(css)}
${inlineScript(clientAssets['echarts.min.js']?.body ?? '')}
${inlineScript(clientAssets['charts.js']?.body ?? '')}
</head><body data-benchmark="${escapeHtml(name)}">
<header class="top"><h1>${escapeHtml(name)}</h1><span class="brand">bench-plot</span></header>
<main>
${sections.join('\n')}
</main>
${templates.join('\n')}
</body></html>
`
}

