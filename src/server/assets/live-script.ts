// The script of live pages, served as /assets/live.js (`--live` only; the pages allow no inline script).
// `followRuns` must reference nothing outside itself: its source text is what is served.

/**
 * Listen to /api/events; when this page's benchmark gets a run it does not show yet, say
 * "run #N recorded" and load the page again in place: its main part is swapped for the new one,
 * keeping the scroll position, the open details and the chosen tabs and toggles (the address, with
 * its run tab and chart options, stays as it is). Charts are drawn again by charts.js.
 */
export function followRuns(): void {
  const me = document.currentScript as HTMLScriptElement | null
  const benchmark = me?.dataset.benchmark
  let newest = Number(me?.dataset.newest ?? 0)
  if (!benchmark || !('EventSource' in window)) return
  const status = document.createElement('p')
  status.className = 'bp-live-status'
  status.setAttribute('role', 'status')
  status.hidden = true
  document.body.appendChild(status)
  let loading: Promise<void> | null = null
  let again = false
  const reload = (): Promise<void> =>
    fetch(location.href, { cache: 'no-store', headers: { accept: 'text/html' } })
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`${r.status}`))))
      .then((html) => {
        const next = new DOMParser().parseFromString(html, 'text/html').querySelector('main')
        const main = document.querySelector('main')
        if (!next || !main) return
        const x = window.scrollX
        const y = window.scrollY
        // Details are matched by class and rank among those of that class: a verdict's details may come or go above the parameters'.
        const keyed = (root: Element) => {
          const seen = new Map<string, number>()
          return Array.from(root.querySelectorAll('details')).map((d) => {
            const n = seen.get(d.className) ?? 0
            seen.set(d.className, n + 1)
            return { d, key: `${d.className}#${n}` }
          })
        }
        const open = new Map(keyed(main).map(({ d, key }) => [key, d.open]))
        const checked = Array.from(main.querySelectorAll<HTMLInputElement>('input[type=radio]:checked')).map((i) => i.id).filter(Boolean)
        const fresh = document.importNode(next, true)
        // The new main part keeps what the reader had opened and chosen.
        for (const { d, key } of keyed(fresh)) {
          const was = open.get(key)
          if (was !== undefined) d.open = was
        }
        for (const id of checked) {
          const input = fresh.querySelector<HTMLInputElement>(`input[type=radio][id="${CSS.escape(id)}"]`)
          if (input) input.checked = true
        }
        // Its copy of this script is inert: this one goes on listening.
        for (const s of Array.from(fresh.querySelectorAll('script[src]'))) s.remove()
        main.replaceWith(fresh)
        document.dispatchEvent(new Event('bp:content'))
        // After charts.js has taken the new content: it may bring the selected run's tab into view.
        window.scrollTo(x, y)
      })
  const follow = () => {
    if (loading) {
      again = true
      return
    }
    loading = reload()
      .catch((err) => console.warn('bench-plot live: reload failed', err))
      .finally(() => {
        loading = null
        if (again) {
          again = false
          follow()
        }
      })
  }
  const events = new EventSource('/api/events')
  // Says the page is following (tests wait for it before recording a run).
  events.addEventListener('open', () => (status.dataset.following = '1'))
  events.addEventListener('run', (e) => {
    let data: { benchmark?: string; run?: number }
    try {
      data = JSON.parse((e as MessageEvent).data)
    } catch {
      return
    }
    if (data.benchmark !== benchmark || typeof data.run !== 'number' || data.run <= newest) return
    newest = data.run
    status.textContent = `run #${data.run} recorded`
    status.hidden = false
    follow()
  })
}

/** The served text of /assets/live.js. */
export const liveJs = `/* bench-plot live pages */\n(${followRuns.toString()})();\n`
