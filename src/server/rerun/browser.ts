// The two scripts of the rerun viewer, sent to the browser as their source text (routes.ts): each
// function must reference nothing outside itself.

/** What the view page's script uses of `@rerun-io/web-viewer`'s `WebViewer`. */
type WebViewerLike = {
  start(rrd: string, parent: HTMLElement, options: Record<string, unknown>): Promise<void>
  open(rrd: string): void
  close(rrd: string): void
  on(event: string, callback: (value: { source?: string; version?: string; application_id?: string }) => void): void
}

/** Messages between the page's frame and its viewer. `source` tells them from other frames' messages. */
export type RerunMessage =
  | { source: 'bp-rerun'; type: 'open-request'; url: string }
  | { source: 'bp-rerun'; type: 'ready' }
  | { source: 'bp-rerun'; type: 'open'; url: string; version: string }
  | { source: 'bp-rerun'; type: 'error'; url: string; message: string }

/**
 * `/rerun/view.js`: start the viewer on `#bp-rerun-view` with its `data-url` (made absolute: the
 * viewer reads a path as a host name), no welcome screen (it would fetch a manifest from rerun.io).
 * The viewer has no error event: a recording not open `data-open-timeout-ms` after the viewer is
 * ready is shown as an error in its place. In a frame (`body.embed`), the page may switch recordings,
 * and hears of every error.
 */
export async function startRerunView(loadViewer: () => Promise<new () => WebViewerLike>): Promise<void> {
  const problem = document.getElementById('bp-rerun-problem') as HTMLElement
  const embed = document.body.classList.contains('embed')
  const root = document.getElementById('bp-rerun-view')
  if (!root) {
    // The server found the recording bad: the page around the frame shows why, in place of the viewer.
    if (embed && parent !== window) parent.postMessage({ source: 'bp-rerun', type: 'error', url: '', message: problem.textContent ?? '' }, location.origin)
    return
  }
  const openTimeout = Number(root.dataset.openTimeoutMs ?? '20000')
  const startTimeout = Number(root.dataset.startTimeoutMs ?? '120000')
  const absolute = (u: string) => new URL(u, location.href).href
  const post = (msg: Record<string, string>) => {
    if (embed && parent !== window) parent.postMessage({ source: 'bp-rerun', ...msg }, location.origin)
  }
  let current = root.dataset.url as string
  let ready = false
  let timer: ReturnType<typeof setTimeout> | undefined
  const fail = (message: string) => {
    clearTimeout(timer)
    root.dataset.state = 'error'
    problem.textContent = message
    problem.hidden = false
    root.style.visibility = 'hidden'
    post({ type: 'error', url: current, message })
  }
  const arm = () => {
    clearTimeout(timer)
    if (root.dataset.state === 'open') return
    const url = current
    timer = setTimeout(() => {
      if (url === current) fail(`The recording did not open within ${Math.round(openTimeout / 1000)} s (${url}): the file may have changed since the page was made, or the viewer cannot read it.`)
    }, openTimeout)
  }
  let WebViewer: new () => WebViewerLike
  try {
    WebViewer = await loadViewer()
  } catch (err) {
    fail(`The viewer could not be loaded: ${err instanceof Error ? err.message : String(err)}`)
    return
  }
  const viewer = new WebViewer()
  viewer.on('ready', () => {
    ready = true
    root.dataset.ready = '1'
    post({ type: 'ready' })
    arm()
  })
  viewer.on('recording_open', (e) => {
    clearTimeout(timer)
    root.dataset.state = 'open'
    root.dataset.version = e.version ?? ''
    post({ type: 'open', url: current, version: e.version ?? '' })
  })
  setTimeout(() => {
    if (!ready) fail(`The viewer did not start within ${Math.round(startTimeout / 1000)} s.`)
  }, startTimeout)
  root.dataset.state = 'opening'
  viewer.start(absolute(current), root, { hide_welcome_screen: true, width: '100%', height: '100%' }).catch((err: unknown) => {
    fail(`The viewer failed to start: ${err instanceof Error ? err.message : String(err)}`)
  })
  addEventListener('message', (ev: MessageEvent) => {
    const d = ev.data as { source?: string; type?: string; url?: string } | null
    if (ev.origin !== location.origin || ev.source !== parent || d?.source !== 'bp-rerun' || d.type !== 'open-request' || typeof d.url !== 'string') return
    if (ready) viewer.close(absolute(current))
    current = d.url
    problem.hidden = true
    root.style.visibility = ''
    root.dataset.state = 'opening'
    if (ready) {
      viewer.open(absolute(current))
      arm()
    }
  })
}

/**
 * `/rerun/embed.js`, linked by each `.bp-rerun-viewer` of a page: shows its controls, and on
 * "Load viewer" puts the full-page viewer in a frame. One frame per page: loading another section's
 * viewer closes the first. The selector switches recordings in the same frame (no second wasm).
 */
export function enhanceRerunViewers(): void {
  const w = window as unknown as { bpRerunEnhanced?: boolean }
  if (w.bpRerunEnhanced) return
  w.bpRerunEnhanced = true
  const sections = Array.from(document.querySelectorAll<HTMLElement>('.bp-rerun-viewer'))
  const unload = (section: HTMLElement) => {
    section.querySelector('iframe')?.remove()
    const stage = section.querySelector<HTMLElement>('.bp-rerun-stage')
    if (stage) stage.hidden = true
    section.dataset.state = 'idle'
    const full = section.querySelector<HTMLButtonElement>('.bp-rerun-fullscreen')
    if (full) full.disabled = true
  }
  for (const section of sections) {
    const select = section.querySelector<HTMLSelectElement>('.bp-rerun-select') as HTMLSelectElement
    const load = section.querySelector<HTMLButtonElement>('.bp-rerun-load') as HTMLButtonElement
    const full = section.querySelector<HTMLButtonElement>('.bp-rerun-fullscreen') as HTMLButtonElement
    const newTab = section.querySelector<HTMLAnchorElement>('.bp-rerun-newtab') as HTMLAnchorElement
    const file = section.querySelector<HTMLAnchorElement>('.bp-rerun-file') as HTMLAnchorElement
    const problem = section.querySelector<HTMLElement>('.bp-rerun-problem') as HTMLElement
    const stage = section.querySelector<HTMLElement>('.bp-rerun-stage') as HTMLElement
    const status = section.querySelector<HTMLElement>('.bp-rerun-status') as HTMLElement
    for (const el of Array.from(section.querySelectorAll<HTMLElement>('[data-needs-script]'))) el.hidden = false
    // This script runs: the page is served over HTTP, so a static report's note on files is moot.
    for (const el of Array.from(section.querySelectorAll<HTMLElement>('.bp-rerun-static'))) el.hidden = true
    const chosen = () => select.selectedOptions[0] ?? select.options[0]
    const frame = () => stage.querySelector('iframe')
    // Until the frame's viewer is ready, a switch loads the frame anew: its page would miss the message.
    let frameReady = false
    const showProblem = (text: string) => {
      problem.textContent = text
      problem.hidden = text === ''
    }
    // What the selector shows: the links follow it; a recording that cannot be viewed shows why instead.
    const show = () => {
      const o = chosen()
      newTab.href = o.dataset.viewUrl ?? ''
      file.href = o.dataset.fileUrl ?? ''
      file.textContent = o.dataset.name ?? ''
      const viewable = o.dataset.viewable === 'true'
      showProblem(o.dataset.problem ?? '')
      load.disabled = !viewable
      status.textContent = ''
      const f = frame()
      stage.hidden = !viewable || !f
      if (!f) return
      if (!viewable) {
        section.dataset.state = 'blocked'
        return
      }
      section.dataset.state = 'opening'
      if (!frameReady) {
        f.src = o.dataset.frameUrl ?? ''
        return
      }
      status.textContent = 'Opening the recording…'
      // Absolute: the frame's page sits elsewhere (a static report's rerun/view.html), so a relative URL would resolve there.
      f.contentWindow?.postMessage({ source: 'bp-rerun', type: 'open-request', url: new URL(o.dataset.fileUrl ?? '', location.href).href }, location.origin)
    }
    select.addEventListener('change', show)
    load.addEventListener('click', () => {
      for (const other of sections) if (other !== section) unload(other)
      if (frame()) return
      const o = chosen()
      const f = document.createElement('iframe')
      f.className = 'bp-rerun-frame'
      f.title = `Rerun viewer: ${o.dataset.name ?? ''}`
      f.allow = 'fullscreen'
      f.src = o.dataset.frameUrl ?? ''
      frameReady = false
      stage.append(f)
      stage.hidden = false
      section.dataset.state = 'opening'
      status.textContent = 'Loading the viewer (it takes some seconds)…'
      full.disabled = false
    })
    full.addEventListener('click', () => {
      void frame()?.requestFullscreen()
    })
    addEventListener('message', (ev: MessageEvent) => {
      const f = frame()
      const d = ev.data as { source?: string; type?: string; version?: string; message?: string } | null
      if (!f || ev.source !== f.contentWindow || ev.origin !== location.origin || d?.source !== 'bp-rerun') return
      if (d.type === 'ready') {
        frameReady = true
        status.textContent = 'Opening the recording…'
      }
      if (d.type === 'open') {
        section.dataset.state = 'open'
        section.dataset.version = d.version ?? ''
        status.textContent = `Recording open (written by rerun ${d.version ?? '?'}).`
        showProblem(chosen().dataset.problem ?? '')
        stage.hidden = false
      }
      if (d.type === 'error') {
        section.dataset.state = 'error'
        status.textContent = ''
        showProblem(d.message ?? 'The viewer failed.')
        stage.hidden = true
      }
    })
    show()
  }
}
