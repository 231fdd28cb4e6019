// The small script of the pages, served as /assets/pages.js (the pages allow no inline script).
// `enhancePages` must reference nothing outside itself: its source text is what is served, given
// the sparklines' drawing function (src/plots, also self-contained) as its argument.
import { sparkGeometry } from '../../plots/history/sparkline'

type SparkGeometry = (points: [number, number][], width: number, height: number, lastColor: string) => string

/**
 * Without it every control still works as a link or a form. With it: selects marked
 * `data-autosubmit` submit their form on change, the index's sparklines left to the browser
 * (`svg[data-spark]`) are drawn with `drawSpark` as they come near the screen, and the index
 * filters as you type and sorts by its column headers in place, keeping `?q=` and `?sort=` in the
 * address bar.
 */
function enhancePages(drawSpark: SparkGeometry): void {
  const start = () => {
    for (const select of Array.from(document.querySelectorAll<HTMLSelectElement>('select[data-autosubmit]'))) {
      select.addEventListener('change', () => select.form?.submit())
    }
    const sparks = Array.from(document.querySelectorAll<SVGSVGElement>('svg.sparkline[data-spark]'))
    const draw = (svg: SVGSVGElement) => {
      if (svg.dataset.drawn) return
      const points = (svg.dataset.spark ?? '').split(',').map((p): [number, number] => {
        const [mean, std] = p.split(' ').map(Number)
        return [mean, std]
      })
      svg.innerHTML = drawSpark(points, svg.width.baseVal.value || 120, svg.height.baseVal.value || 28, svg.dataset.last ?? '')
      svg.dataset.drawn = '1'
    }
    if ('IntersectionObserver' in window) {
      const io = new IntersectionObserver((entries) => {
        for (const e of entries) {
          if (!e.isIntersecting) continue
          io.unobserve(e.target)
          draw(e.target as SVGSVGElement)
        }
      }, { rootMargin: '400px' })
      for (const svg of sparks) io.observe(svg)
    } else sparks.forEach(draw)
    const table = document.querySelector<HTMLTableElement>('table.index')
    const body = table?.tBodies[0]
    if (!table || !body) return
    const rows = Array.from(body.rows)
    const input = document.querySelector<HTMLInputElement>('form.index-filter input[name=q]')
    const count = document.querySelector<HTMLElement>('.index-count')
    const params = new URLSearchParams(location.search)
    const remember = () => {
      const s = params.toString()
      history.replaceState(null, '', s ? `?${s}` : location.pathname)
    }
    const text = (tr: HTMLTableRowElement) => `${tr.dataset.name ?? ''}\n${tr.querySelector('.title')?.textContent ?? ''}\n${tr.dataset.verdict ?? ''}`.toLowerCase()
    const filter = () => {
      const needle = (input?.value ?? '').trim().toLowerCase()
      let shown = 0
      for (const tr of rows) {
        const keep = needle === '' || text(tr).includes(needle)
        tr.hidden = !keep
        if (keep) shown++
      }
      if (count) count.textContent = shown === rows.length ? `${rows.length} benchmark${rows.length === 1 ? '' : 's'}` : `${shown} of ${rows.length} benchmarks`
      if (needle) params.set('q', input?.value ?? '')
      else params.delete('q')
      remember()
    }
    input?.addEventListener('input', filter)
    input?.form?.addEventListener('submit', (e) => {
      e.preventDefault()
      filter()
    })
    const rank: Record<string, number> = { regressed: 0, improved: 1, unchanged: 2, young: 3 }
    const value = (tr: HTMLTableRowElement, key: string): string | number => {
      if (key === 'runs') return Number(tr.dataset.runs)
      if (key === 'verdict') return rank[tr.dataset.verdict ?? ''] ?? 4
      if (key === 'latest') return tr.dataset.latest ?? ''
      return ''
    }
    const byName = (a: HTMLTableRowElement, b: HTMLTableRowElement) => ((a.dataset.name ?? '') < (b.dataset.name ?? '') ? -1 : (a.dataset.name ?? '') > (b.dataset.name ?? '') ? 1 : 0)
    let current = params.get('sort') ?? 'verdict'
    const links = Array.from(document.querySelectorAll<HTMLAnchorElement>('a[data-sort]'))
    const show = () => {
      const key = current.replace(/^-/, '')
      const sign = current.startsWith('-') ? -1 : 1
      rows.sort((a, b) => {
        const x = value(a, key)
        const y = value(b, key)
        return sign * ((x < y ? -1 : x > y ? 1 : 0) || byName(a, b))
      })
      for (const tr of rows) body.appendChild(tr)
      for (const th of Array.from(table.tHead?.rows[0]?.cells ?? [])) {
        const a = th.querySelector<HTMLAnchorElement>('a[data-sort]')
        if (!a) continue
        if (a.dataset.sort === key) th.setAttribute('aria-sort', sign < 0 ? 'descending' : 'ascending')
        else th.removeAttribute('aria-sort')
      }
      for (const a of links) {
        const mine = a.dataset.sort === key
        const next = new URLSearchParams(params)
        next.set('sort', mine && sign > 0 ? `-${key}` : (a.dataset.sort ?? ''))
        a.href = `?${next.toString()}`
        if (a.closest('nav')) {
          a.textContent = `${(a.textContent ?? '').replace(/ [↑↓]$/, '')}${mine ? (sign < 0 ? ' ↓' : ' ↑') : ''}`
          if (mine) a.setAttribute('aria-current', 'true')
          else a.removeAttribute('aria-current')
        }
      }
    }
    for (const a of links) {
      a.addEventListener('click', (e) => {
        e.preventDefault()
        const key = a.dataset.sort ?? 'verdict'
        current = current === key ? `-${key}` : key
        if (current === 'verdict') params.delete('sort')
        else params.set('sort', current)
        remember()
        show()
      })
    }
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start)
  else start()
}

/** The served text of /assets/pages.js. */
export const pagesJs = `/* bench-plot pages */\n(${enhancePages.toString()})(${sparkGeometry.toString()});\n`
