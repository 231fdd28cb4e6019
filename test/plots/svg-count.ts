/** Figures of a charts fragment with what their server-rendered SVG draws, read from ECharts' SSR markers. */
export type FigureInfo = { chart: string; result: string; component?: string; facet?: string; error: boolean; series: number[]; html: string; option: any }

export function readFigures(html: string): FigureInfo[] {
  return [...html.matchAll(/<figure [^>]*data-chart="[^"]*"[^>]*>[\s\S]*?<\/figure>/g)].map((m) => {
    const fig = m[0]
    const attr = (name: string) => fig.match(new RegExp(`^<figure [^>]*${name}="([^"]*)"`))?.[1]
    // Each data element of a series carries ecmeta_series_index/ecmeta_data_index; a series' point
    // count is the number of distinct data indexes drawn for it.
    const perSeries = new Map<number, Set<number>>()
    for (const e of fig.matchAll(/ecmeta_series_index="(\d+)" ecmeta_data_index="(\d+)" ecmeta_ssr_type="chart"/g)) {
      const s = Number(e[1])
      if (!perSeries.has(s)) perSeries.set(s, new Set())
      perSeries.get(s)!.add(Number(e[2]))
    }
    const json = fig.match(/<script type="application\/json" class="chart-option">([\s\S]*?)<\/script>/)?.[1]
    return {
      chart: attr('data-chart')!,
      result: attr('data-result')!,
      component: attr('data-component'),
      facet: attr('data-facet'),
      error: fig.includes('data-error="1"'),
      series: [...perSeries.keys()].sort((a, b) => a - b).map((k) => perSeries.get(k)!.size),
      html: fig,
      option: json ? JSON.parse(json) : null,
    }
  })
}
