// The hydration script sent to the browser as /assets/charts.js. `hydrateCharts` must reference
// nothing outside itself: its source text is what is served (see assets.ts).

/* eslint-disable @typescript-eslint/no-explicit-any */

/** What the kinds' modules give the browser: custom series' renderItem functions and each kind's CSV. */
export type ClientKinds = {
  /** src/format's formatQuantity, and how an option's quantity markers become functions (src/plots/tick-format.ts). */
  formatQuantity: (x: number, unit: string) => string
  /** src/format's escapeHtml: tooltips are HTML. */
  escapeHtml: (text: string) => string
  withQuantityFormatters: (option: any, format: (x: number, unit: string) => string) => any
  renderItems: Record<string, (params: any, api: any) => unknown>
  csv: Record<string, { header: readonly string[]; row: (v: any, i: number, seriesName: string, xCats: string[] | null, yCats: string[] | null) => unknown[] }>
}

/** Turn every server-rendered chart (`figure[data-chart]` + its JSON option) into a live ECharts chart. */
export function hydrateCharts(kinds: ClientKinds): void {
  const w = window as any
  const escapeText = kinds.escapeHtml
  const echartsUrl = (document.currentScript as HTMLScriptElement | null)?.dataset.echarts
  let echartsLoad: Promise<void> | null = null
  const loadEcharts = (): Promise<void> => {
    if (w.echarts) return Promise.resolve()
    echartsLoad ??= new Promise<void>((resolve, reject) => {
      if (!echartsUrl) return reject(new Error('this page has no ECharts'))
      const s = document.createElement('script')
      s.src = echartsUrl
      s.onload = () => resolve()
      s.onerror = () => reject(new Error(`${echartsUrl} did not load`))
      document.head.appendChild(s)
    })
    return echartsLoad
  }
  const tooltip = (p: any): string => {
    if (p.componentType === 'markPoint') return `best: ${escapeText(String(p.value))}`
    const d = p.data
    if (d && typeof d === 'object' && typeof d.t === 'string') return escapeText(d.t).replace(/\n/g, '<br>')
    return `${escapeText(String(p.seriesName))}: ${escapeText(String(Array.isArray(p.value) ? p.value.join(', ') : p.value))}`
  }
  const save = (href: string, name: string) => {
    const a = document.createElement('a')
    a.href = href
    a.download = name
    document.body.appendChild(a)
    a.click()
    a.remove()
  }
  const csvCell = (x: unknown) => {
    const s = x === undefined || x === null ? '' : String(x)
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  const toCsv = (kind: string, option: any): string => {
    const xAxis = Array.isArray(option.xAxis) ? option.xAxis[0] : option.xAxis
    const yAxis = Array.isArray(option.yAxis) ? option.yAxis[0] : option.yAxis
    const xCats: string[] | null = xAxis && xAxis.type === 'category' ? xAxis.data : null
    const yCats: string[] | null = yAxis && yAxis.type === 'category' ? yAxis.data : null
    // Each kind's header and row function come from its module (src/plots/kinds); an unknown kind gets `series, x, y`.
    const fallback = {
      header: ['series', 'x', 'y'],
      row: (v: any, i: number, name: string, cats: string[] | null) => (Array.isArray(v) ? [name, cats && typeof v[0] === 'number' ? cats[v[0]] : v[0], v[1]] : [name, cats ? cats[i] : i, v]),
    }
    const csv = kinds.csv[kind] ?? fallback
    const rows: unknown[][] = [[...csv.header]]
    for (const s of option.series ?? []) {
      if (s.silent || (s.type === 'custom' && s.renderItem !== 'violin')) continue
      ;(s.data ?? []).forEach((item: any, i: number) => {
        const v = item && typeof item === 'object' && !Array.isArray(item) ? item.value : item
        if (v === '-' || v === undefined) return
        rows.push(csv.row(v, i, s.name, xCats, yCats))
      })
    }
    return rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n'
  }
  const hydrate = (fig: HTMLElement) => {
    if (fig.dataset.hydrated) return
    const echarts = w.echarts
    const script = fig.querySelector('script.chart-option')
    const holder = fig.querySelector('.bp-svg') as HTMLElement | null
    if (!echarts || !script || !holder) return
    let option: any
    try {
      option = JSON.parse(script.textContent ?? '')
    } catch {
      return
    }
    fig.dataset.hydrated = '1'
    // A lazy figure holds a placeholder: its SVG is drawn by the server on request (data-lazy is the URL).
    const lazyUrl = fig.dataset.lazy
    const svgText = holder.innerHTML
    // On a narrow screen the live chart takes the width there is, as the SVG scales down to it.
    const width = Math.min(Number(fig.dataset.width) || 600, Math.max(280, fig.parentElement?.clientWidth ?? Number.POSITIVE_INFINITY))
    const height = Number(fig.dataset.height) || 400
    option = kinds.withQuantityFormatters(option, kinds.formatQuantity)
    option.tooltip = { ...(option.tooltip ?? {}), formatter: tooltip }
    for (const s of option.series ?? []) if (typeof s.renderItem === 'string') s.renderItem = kinds.renderItems[s.renderItem]
    const live = document.createElement('div')
    live.className = 'bp-live'
    live.style.width = `${width}px`
    live.style.height = `${height}px`
    holder.hidden = true
    holder.after(live)
    let chart: any
    try {
      chart = echarts.init(live, null, { renderer: 'canvas', width, height })
      // The figure says when its chart is on screen (a server SVG says so from the start).
      chart.on('finished', () => {
        if (!fig.dataset.drawn) fig.dataset.drawn = 'live'
      })
      chart.setOption(option)
    } catch (err) {
      live.remove()
      holder.hidden = false
      fig.dataset.hydrated = 'failed'
      console.warn('chart hydration failed', err)
      return
    }
    const base = [fig.dataset.result, fig.dataset.component, fig.dataset.chart, fig.dataset.facet]
      .filter(Boolean)
      .join('-')
      .replace(/[^A-Za-z0-9._=-]+/g, '_')
    const bar = document.createElement('div')
    bar.className = 'bp-actions'
    const button = (label: string, act: () => void) => {
      const b = document.createElement('button')
      b.type = 'button'
      b.textContent = label
      b.addEventListener('click', act)
      bar.appendChild(b)
    }
    button('PNG', () => save(chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }), `${base}.png`))
    button('SVG', () => save(lazyUrl ?? URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' })), `${base}.svg`))
    button('CSV', () => save(URL.createObjectURL(new Blob([toCsv(fig.dataset.chart ?? '', option)], { type: 'text/csv' })), `${base}.csv`))
    // The wheel scrolls the page: it zooms once the chart is clicked (until the pointer leaves it) or with Ctrl held.
    const zooms = (Array.isArray(option.dataZoom) ? option.dataZoom : option.dataZoom ? [option.dataZoom] : []).length > 0
    if (zooms) {
      // ECharts takes every wheel event over a zoomable chart (even one it does not zoom by), so the
      // figure keeps plain wheel events from reaching it until the chart is clicked.
      let active = false
      const wheel = (on: boolean) => {
        active = on
        chart.setOption({ dataZoom: option.dataZoom.map((z: any) => (z.type === 'inside' ? { zoomOnMouseWheel: on ? true : 'ctrl' } : {})) })
      }
      fig.addEventListener('wheel', (e: WheelEvent) => {
        if (!active && !e.ctrlKey) e.stopPropagation()
      }, { capture: true })
      live.addEventListener('click', () => wheel(true))
      live.addEventListener('mouseleave', () => wheel(false))
      button('Reset zoom', () => chart.dispatchAction({ type: 'restore' }))
      const hint = document.createElement('span')
      hint.className = 'bp-hint'
      hint.textContent = 'Click the chart or hold Ctrl to zoom with the wheel'
      bar.appendChild(hint)
    }
    fig.appendChild(bar)
  }
  const figuresIn = (root: ParentNode) => Array.from(root.querySelectorAll<HTMLElement>('figure[data-chart]')).filter((f) => f.querySelector('script.chart-option'))
  // A static report opened as a file may load scripts but fetch nothing: its charts are scripts (`….js`)
  // that hand their HTML to the element that loads them, or, in one file, templates of the page (`#id`).
  const chartHtml = (url: string): Promise<string> => {
    if (url.startsWith('#')) {
      const t = document.getElementById(url.slice(1))
      return t instanceof HTMLTemplateElement ? Promise.resolve(t.innerHTML) : Promise.reject(new Error(`no template ${url}`))
    }
    if (url.endsWith('.js')) {
      return new Promise((resolve, reject) => {
        const s = document.createElement('script')
        s.addEventListener('bp-chart', (e) => resolve((e as CustomEvent<string>).detail))
        s.onload = () => s.remove()
        s.onerror = () => reject(new Error(`${url} did not load`))
        s.src = url
        document.head.appendChild(s)
      })
    }
    return fetch(url).then((r) => (r.ok ? r.text() : Promise.reject(new Error(`${r.status}`))))
  }
  // A chart the server left out (div.bp-lazy-chart): its figures are fetched and put in its place.
  const fetchChart = (placeholder: HTMLElement, then: (figures: HTMLElement[]) => void) => {
    const url = placeholder.dataset.chartUrl
    if (!url || placeholder.dataset.loading) return
    placeholder.dataset.loading = '1'
    chartHtml(url)
      .then((html) => {
        const t = document.createElement('template')
        t.innerHTML = html
        const figures = figuresIn(t.content)
        placeholder.replaceWith(t.content)
        then(figures)
      })
      .catch((err) => {
        placeholder.dataset.loading = 'failed'
        placeholder.textContent = 'This chart could not be loaded; reload the page to try again.'
        console.warn('chart load failed', err)
      })
  }
  // What the reader sees first are the server's SVGs: a chart comes alive (ECharts, for zoom, tooltips
  // and the download buttons) when the pointer or focus reaches it, or when the browser is idle once it
  // is near the viewport, one chart per idle slice. ECharts itself (1 MB) is loaded then, not with the
  // page: its script tag names it (`data-echarts`); a page that holds it inline has `window.echarts`.
  const queued: HTMLElement[] = []
  let pumping = false
  const idle = (f: () => void) => (typeof w.requestIdleCallback === 'function' ? w.requestIdleCallback(f, { timeout: 1500 }) : setTimeout(f, 30))
  const alive = (fig: HTMLElement) => {
    loadEcharts().then(() => hydrate(fig), (err) => console.warn('charts stay as drawn:', err))
  }
  const pump = () => {
    if (pumping || queued.length === 0) return
    pumping = true
    idle(() => {
      loadEcharts().then(
        () => {
          pumping = false
          const fig = queued.shift()
          if (fig) hydrate(fig)
          pump()
        },
        (err) => console.warn('charts stay as drawn:', err),
      )
    })
  }
  const soon = (fig: HTMLElement) => {
    if (fig.dataset.hydrated || queued.includes(fig)) return
    queued.push(fig)
    pump()
  }
  // A figure without its SVG (a placeholder, data-lazy is its URL) gets the server's drawing first; a
  // page read from a file, which can fetch nothing, or a failed fetch, draws it with ECharts at once.
  const draw = (fig: HTMLElement) => {
    const holder = fig.querySelector<HTMLElement>(':scope > .bp-svg')
    const url = fig.dataset.lazy
    if (fig.dataset.drawn || !holder || !url || !/^https?:$/.test(location.protocol)) {
      if (fig.dataset.drawn) soon(fig)
      else alive(fig)
      return
    }
    if (fig.dataset.loading) return
    fig.dataset.loading = '1'
    fetch(url)
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`${r.status}`))))
      .then((svg) => {
        if (!fig.dataset.hydrated) {
          holder.innerHTML = svg
          fig.dataset.drawn = 'svg'
        }
        soon(fig)
      })
      .catch(() => alive(fig))
  }
  const watched = new WeakSet<HTMLElement>()
  const interact = (fig: HTMLElement) => {
    if (watched.has(fig)) return
    watched.add(fig)
    const now = () => alive(fig)
    for (const type of ['pointerenter', 'focusin', 'touchstart']) fig.addEventListener(type, now, { once: true, passive: true })
  }
  // One scroll listener for the page; a live page's new content (bp:content) replaces what it checks.
  let onScroll: (() => void) | null = null
  let checking = false
  window.addEventListener('scroll', () => {
    if (checking || !onScroll) return
    checking = true
    requestAnimationFrame(() => {
      checking = false
      onScroll?.()
    })
  }, { passive: true })
  const start = () => {
    // The selected run's tab is in view even when the tabs scroll sideways (a phone, many runs).
    const showTab = () => {
      const tab = document.querySelector<HTMLElement>('nav.tabs [aria-current=page]')
      const nav = tab?.parentElement
      if (!tab || !nav) return
      const right = tab.offsetLeft - nav.offsetLeft + tab.offsetWidth
      if (right > nav.scrollLeft + nav.clientWidth) nav.scrollLeft = right - nav.clientWidth
    }
    // In a frame, not now: reading the layout here (or in a 'load' handler, which runs as parsing
    // ends when nothing else is loading) forces a layout of the whole page outside a frame.
    requestAnimationFrame(showTab)
    if (document.readyState !== 'complete') window.addEventListener('load', () => requestAnimationFrame(showTab), { once: true })
    const figures = figuresIn(document)
    const lazyCharts = Array.from(document.querySelectorAll<HTMLElement>('div.bp-lazy-chart'))
    // Charts are fetched, drawn and come alive when near the viewport, so a page of many small multiples (or hidden tabs) stays quick.
    if ('IntersectionObserver' in w) {
      const waiting = new Set<HTMLElement>()
      const reached = (el: HTMLElement) => {
        waiting.delete(el)
        io.unobserve(el)
        if (el.classList.contains('bp-lazy-chart')) {
          fetchChart(el, (got) => got.forEach(watch))
        } else draw(el)
      }
      // A fast scroll (or a jump) can pass a chart without it ever intersecting: the charts above the viewport are due too.
      const passed = () => {
        for (const el of Array.from(waiting)) {
          const r = el.getBoundingClientRect()
          if (r.bottom < 0 && (r.width > 0 || r.height > 0)) reached(el)
        }
      }
      const io = new IntersectionObserver((entries) => {
        for (const e of entries) if (e.isIntersecting) reached(e.target as HTMLElement)
        passed()
      }, { rootMargin: '400px' })
      onScroll = passed
      const watch = (el: HTMLElement) => {
        interact(el)
        waiting.add(el)
        io.observe(el)
      }
      figures.forEach(watch)
      lazyCharts.forEach((c) => {
        waiting.add(c)
        io.observe(c)
      })
    } else {
      figures.forEach((f) => (interact(f), draw(f)))
      lazyCharts.forEach((c) => fetchChart(c, (got) => got.forEach((f) => (interact(f), draw(f)))))
    }
  }
  // The first screen is the server's SVGs: nothing here (observers, fetching the charts below, ECharts)
  // runs before it is painted, in a task after the first frame. A tab in the background runs no frames
  // (nor observers) until shown: it starts at once.
  const afterFirstPaint = (f: () => void) => {
    if (document.visibilityState === 'hidden') f()
    else requestAnimationFrame(() => setTimeout(f, 0))
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => afterFirstPaint(start))
  else afterFirstPaint(start)
  // A live page (/assets/live.js) swaps its content in place: draw the charts it brought.
  document.addEventListener('bp:content', start)
}
