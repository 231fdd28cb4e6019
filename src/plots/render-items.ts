// renderItem functions of the custom series. They reference nothing but their arguments, because
// the same source is sent to the browser (`Function.prototype.toString`) to hydrate the charts.

/* eslint-disable @typescript-eslint/no-explicit-any */
type Api = any

/** A vertical error bar: value = [x, low, high] on the hidden numeric x axis. */
export function renderErrorBar(_params: unknown, api: Api): unknown {
  const x = api.value(0)
  const lo = api.coord([x, api.value(1)])
  const hi = api.coord([x, api.value(2)])
  const w = 6
  const style = { stroke: '#333', lineWidth: 1.2 }
  return {
    type: 'group',
    children: [
      { type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style },
      { type: 'line', shape: { x1: lo[0] - w, y1: lo[1], x2: lo[0] + w, y2: lo[1] }, style },
      { type: 'line', shape: { x1: hi[0] - w, y1: hi[1], x2: hi[0] + w, y2: hi[1] }, style },
    ],
  }
}

/**
 * A violin: value = [x, halfWidth, median, q1, q3, y0, d0, y1, d1, …] with densities scaled to 0..1,
 * on the hidden numeric x axis.
 */
export function renderViolin(params: any, api: Api): unknown {
  const x = api.value(0)
  const hw = api.value(1)
  const right: number[][] = []
  const left: number[][] = []
  for (let i = 5; ; i += 2) {
    const y = api.value(i)
    const d = api.value(i + 1)
    if (y === undefined || d === undefined || Number.isNaN(y) || Number.isNaN(d)) break
    right.push(api.coord([x + d * hw, y]))
    left.unshift(api.coord([x - d * hw, y]))
  }
  const q1 = api.coord([x, api.value(3)])
  const q3 = api.coord([x, api.value(4)])
  const med = api.coord([x, api.value(2)])
  const colour = api.visual('color')
  return {
    type: 'group',
    children: [
      { type: 'polygon', shape: { points: right.concat(left) }, style: { fill: colour, opacity: 0.55, stroke: colour, lineWidth: 1 } },
      { type: 'line', shape: { x1: q1[0], y1: q1[1], x2: q3[0], y2: q3[1] }, style: { stroke: '#222', lineWidth: 4 } },
      { type: 'circle', shape: { cx: med[0], cy: med[1], r: 3 }, style: { fill: '#fff', stroke: '#222', lineWidth: 1 } },
    ],
    seriesIndex: params.seriesIndex,
  }
}

/** The renderItem functions by the name the options carry in `renderItem`. */
export const renderItems: Record<string, (params: any, api: Api) => unknown> = { errorbar: renderErrorBar, violin: renderViolin }
