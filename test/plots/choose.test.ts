import { describe, expect, it } from 'bun:test'
import { validateRun } from '../../src/model/run-format'
import { sweepSignature } from '../../src/model/signature'
import { chooseCharts, parseChartRequest } from '../../src/plots'
import { chartAlone, figureSvg } from '../../src/view'
import { makeRun, renderRegion, testLinks } from './fixtures'
import { sortRun } from '../fixtures/sort-run'
import { readFigures } from './svg-count'

describe('parseChartRequest', () => {
  it('reads plots, aliases and log flags from the query', () => {
    expect(parseChartRequest({ plots: ' Violin,scatter_jitter,violin,,band', logx: '1', logy: 'true' })).toEqual({ plots: ['violin', 'scatter-jitter', 'band'], logx: true, logy: true })
    expect(parseChartRequest({})).toEqual({ plots: [] })
    expect(parseChartRequest({ logx: '0' }).logx).toBe(false)
  })
})

describe('chooseCharts', () => {
  const sig = (floats: number, cats: number, repeats: number) => sweepSignature(makeRun({ floats, cats, repeats, result: 'float' }))
  it('follows bencher’s table', () => {
    const kinds = (f: number, c: number, r: number) => chooseCharts(sig(f, c, r)).specs.map((s) => s.kind)
    expect(kinds(0, 0, 3)).toEqual(['histogram'])
    expect(kinds(0, 1, 1)).toEqual(['bar'])
    expect(kinds(0, 1, 3)).toEqual(['box', 'bar'])
    expect(kinds(1, 1, 1)).toEqual(['line'])
    expect(kinds(1, 1, 3)).toEqual(['curve'])
    expect(kinds(2, 0, 1)).toEqual(['heatmap'])
    expect(chooseCharts(sig(3, 1, 1)).specs[0]).toMatchObject({ kind: 'heatmap', x: 'n', y: 'load', facets: ['scale', 'algo'] })
  })
  it('adds named charts on request and says why one cannot be drawn', () => {
    const { specs, notices } = chooseCharts(sig(1, 1, 1), parseChartRequest({ plots: 'violin,band,nope' }))
    expect(specs.map((s) => s.kind)).toEqual(['line', 'band'])
    expect(notices.map((n) => n.plot)).toEqual(['violin', 'nope'])
    expect(notices[0].reason).toContain('no float input')
  })
})

describe('chartsRegion', () => {
  it('escapes every user string and keeps </script> out of the JSON', () => {
    const run = validateRun({
      benchmark: 'b',
      inputs: [{ name: '<i>n</i>', kind: 'cat', values: ['</script><b>x</b>', 'y&z'] }],
      results: [{ name: 't"</script>', units: '<u>' }, { name: 'note', kind: 'string' }],
      samples: [
        { inputs: { '<i>n</i>': '</script><b>x</b>' }, results: { 't"</script>': 1, note: '<img src=x onerror=alert(1)>' } },
        { inputs: { '<i>n</i>': 'y&z' }, results: { 't"</script>': 2 } },
      ],
    })
    const { html } = renderRegion(run, parseChartRequest({ plots: 'table' }))
    const outsideScripts = html.replace(/<script type="application\/json" class="chart-option">[\s\S]*?<\/script>/g, '')
    expect(outsideScripts).not.toContain('<b>')
    expect(outsideScripts).not.toContain('<img src=x')
    expect(outsideScripts).not.toContain('<i>')
    expect(outsideScripts).not.toContain('<u>')
    expect(html.match(/<\/script>/g)?.length).toBe(html.match(/<script /g)?.length)
    for (const f of readFigures(html)) if (f.option) expect(f.option.series.length).toBeGreaterThan(0)
  })

  it('shows media inline, links paths and recordings, and says "missing" for absent files', () => {
    const run = validateRun({
      benchmark: 'b',
      repeats: 2,
      results: [{ name: 'img', kind: 'image' }, { name: 'vid', kind: 'video' }, { name: 'file', kind: 'path' }, { name: 'rec', kind: 'rerun' }],
      samples: [
        { repeat: 1, results: { img: 'a.png', vid: 'a.mp4', file: 'd/a.csv', rec: 'a.rrd' } },
        { repeat: 2, results: { img: 'x_r2.png' } },
      ],
    })
    const { html } = renderRegion(run, parseChartRequest({}))
    expect(html).toContain('<img class="bp-media" src="/media/a.png"')
    expect(html).toContain('<video class="bp-media" src="/media/a.mp4"')
    expect(html).toContain('href="/media/d/a.csv" download="a.csv"')
    expect(html).toContain('href="/rrd_static/a.rrd"')
    expect(html).toContain('missing: x_r2.png')
    expect(html).not.toContain('src="/media/x_r2.png"')
  })

  it('says "No plot represents these results" with the signature when nothing can be drawn', () => {
    const run = validateRun({ benchmark: 'b', results: [], samples: [] })
    const { html, signature } = renderRegion(run, parseChartRequest({}))
    expect(html).toContain(`No plot represents these results (${signature})`)
  })

  it('names the chart and the error in a visible box when a chart fails', () => {
    const run = makeRun({ floats: 1, cats: 0, repeats: 1, result: 'float' })
    // A result declared but with a column of the wrong type makes the line chart throw.
    run.data.time = ['oops']
    const { html } = renderRegion(run, parseChartRequest({}))
    const [fig] = readFigures(html)
    expect(fig).toMatchObject({ chart: 'line', result: 'time', error: true })
    expect(fig.html).toContain('The line chart of time failed to render:')
    expect(fig.html).toContain('is not numeric')
  })

  it('marks the optimum and names it with its inputs', () => {
    const run = makeRun({ floats: 1, cats: 1, repeats: 1, result: 'float' })
    const { html } = renderRegion(run, parseChartRequest({}))
    expect(html).toContain('Best time (lowest): <strong>1 s</strong> at n=1, algo=quick')
    const [fig] = readFigures(html)
    expect(fig.option.series.filter((s: any) => s.markPoint).length).toBe(1)
  })

  it('is deterministic', () => {
    const run = makeRun({ floats: 2, cats: 1, repeats: 3, result: 'float' })
    expect(renderRegion(run, parseChartRequest({})).html).toBe(renderRegion(run, parseChartRequest({})).html)
  })

  it('draws the first figures on the server and leaves the rest to the browser, each servable alone', () => {
    const run = { ...validateRun(sortRun()), id: 1 }
    const req = parseChartRequest({ plots: 'scatter,band' })
    const all = readFigures(renderRegion(run, req).html)
    const lazy = readFigures(renderRegion(run, req, { eagerFigures: 2 }).html)
    expect(all.length).toBeGreaterThan(3)
    // Figures after the eager ones are lazy; charts begun after them are placeholders, not figures.
    expect(lazy.length).toBeGreaterThanOrEqual(2)
    expect(lazy.map((f) => [f.chart, f.facet])).toEqual(all.slice(0, lazy.length).map((f) => [f.chart, f.facet]))
    lazy.forEach((f, i) => {
      // Every figure keeps its option, so the browser can draw it; only the first two carry an SVG.
      expect(f.option).toEqual(all[i].option)
      const id = f.html.match(/data-figure="([^"]+)"/)?.[1] as string
      if (i < 2) {
        expect(f.html).not.toContain('data-lazy')
        expect(f.html).toContain(all[i].html.match(/<svg[\s\S]*<\/svg>/)?.[0] as string)
      } else {
        expect(f.html).toContain(`data-lazy="/fig/${id}?x=&lt;&amp;&gt;"`)
        expect(f.html).toContain('<svg class="bp-placeholder" width="')
        expect(f.html).toContain(`<noscript><img class="bp-lazy-svg" src="/fig/${id}?x=&lt;&amp;&gt;"`)
        expect(f.html).not.toContain('ecmeta_series_index')
      }
      // The figure served alone is the very SVG the page would have inlined.
      expect(figureSvg(run, req, id)).toBe(all[i].html.match(/<svg[\s\S]*<\/svg>/)?.[0] as string)
    })
    expect(figureSvg(run, req, 'r0s999p0')).toBeNull()
    expect(figureSvg(run, req, 'r1s0p99')).toBeNull()
    expect(figureSvg(run, req, 'r2s0p0')).toBeNull()
  })

  it('leaves the charts after the eager figures out of the page, and builds each alone as the page would have held it', () => {
    const run = { ...validateRun(sortRun()), id: 1 }
    const req = parseChartRequest({ plots: 'scatter,band' })
    const inline = renderRegion(run, req).html
    const inlineSvg = new Map([...inline.matchAll(/data-figure="([^"]+)"[^>]*>[\s\S]*?<div class="bp-svg">(<svg[\s\S]*?<\/svg>)<\/div>/g)].map((m) => [m[1], m[2]]))
    const page = renderRegion(run, req, { eagerFigures: 2 }).html
    const placeholders = [...page.matchAll(/<div class="bp-lazy-chart" data-kind="([^"]+)" data-result="([^"]+)" data-chart-url="\/chart\/(r1s\d+)\?x=&lt;&amp;&gt;">/g)]
    expect(placeholders.length).toBeGreaterThan(1)
    expect(page).toContain('<noscript><iframe class="bp-lazy-frame" src="/chart/r1s')
    // The page keeps its eager figures; every other figure comes from its chart's URL, the same as inline.
    expect(readFigures(page).length).toBe(2)
    const fetched = placeholders.map(([, kind, result, id]) => {
      const html = chartAlone({ name: 't', run, req, links: testLinks, id: id }) as string
      expect(html).toContain(`data-chart="${kind}" data-result="${result}"`)
      // Its figures come drawn, as the page would have held them: the server's SVG, marked drawn, and the option.
      expect(html).not.toContain('bp-placeholder')
      const svgs = [...html.matchAll(/data-figure="([^"]+)"[^>]*data-drawn="svg"[^>]*>[\s\S]*?<div class="bp-svg">(<svg[\s\S]*?<\/svg>)<\/div>/g)]
      expect(svgs.length).toBe(readFigures(html).length)
      for (const [, figure, svg] of svgs) expect(inlineSvg.get(figure)).toBe(svg)
      return html
    })
    const all = readFigures(inline)
    const got = [...readFigures(page), ...fetched.flatMap((h) => readFigures(h))]
    expect(got.map((f) => [f.chart, f.facet, f.option])).toEqual(all.map((f) => [f.chart, f.facet, f.option]))
    expect(chartAlone({ name: 't', run, req, links: testLinks, id: 'r1s999' })).toBeNull()
    expect(chartAlone({ name: 't', run, req, links: testLinks, id: 'r2s1' })).toBeNull()
  })

  it('serves each panel of a chart in tabs alone, as the page would inline it', () => {
    // 3 floats and 2 cats: heatmap panels in tabs, which list them in another order than the chart does.
    const run = { ...makeRun({ floats: 3, cats: 2, repeats: 1, result: 'float' }), id: 3 }
    const req = parseChartRequest({})
    const page = renderRegion(run, req).html
    expect(page).toContain('bp-tabs')
    const inline = [...page.matchAll(/data-figure="([^"]+)"[^>]*>[\s\S]*?<div class="bp-svg">(<svg[\s\S]*?<\/svg>)<\/div>/g)]
    expect(inline.length).toBeGreaterThan(4)
    for (const [, id, svg] of inline) expect(figureSvg(run, req, id)).toBe(svg)
  })
})
