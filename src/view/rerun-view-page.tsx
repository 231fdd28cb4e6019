import { escapeHtml } from '../format'
import type { RecordingCheck } from '../model/rerun-recording'

type RerunViewPageProps = {
  /** The recording's URL as given (`/rrd_static/...` or absolute). */
  url: string
  /** Its name for the title. */
  name: string
  /** What the server found in it; null for a recording on another host, which it cannot read. */
  check: RecordingCheck | null
  /** Inside the page's frame: no header, the page's selector switches recordings. */
  embed: boolean
  /** The script that starts the viewer. */
  scriptUrl: string
  /** @default 20000 */
  openTimeoutMs?: number
}

/** `/rerun/view?url=`: one recording in a viewer that fills the window, or why it cannot be shown. */
export function RerunViewPage(props: RerunViewPageProps): string {
  const e = escapeHtml
  const viewable = props.check?.viewable ?? true
  const problem = props.check?.problem ?? null
  const page = (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{e(`${props.name}: rerun viewer`)}</title>
        <link rel="icon" href="data:," />
        <style>{viewPageCss}</style>
      </head>
      <body class={props.embed ? 'embed' : undefined}>
        {props.embed ? (
          ''
        ) : (
          <header>
            <strong>{e(props.name)}</strong>
            <a href={e(props.url)}>download the recording</a>
            {props.check?.version ? <span>written by rerun {e(props.check.version)}</span> : ''}
          </header>
        )}
        <p id="bp-rerun-problem" role="alert" hidden={problem === null}>
          {e(problem ?? '')}
        </p>
        {viewable ? (
          <>
            <div id="bp-rerun-view" data-url={e(props.url)} data-open-timeout-ms={String(props.openTimeoutMs ?? 20000)}></div>
            <noscript>
              <p>The viewer needs JavaScript; the recording itself is the link above.</p>
            </noscript>
          </>
        ) : (
          ''
        )}
        <script type="module" src={e(props.scriptUrl)}></script>
      </body>
    </html>
  )
  if (typeof page !== 'string') throw new Error('unexpected async component')
  return `<!doctype html>${page}`
}

const viewPageCss = `html,body{margin:0;height:100%;background:#0d1011;color:#e6e6e6;font:14px system-ui,sans-serif}
body{display:flex;flex-direction:column}
header{display:flex;gap:1em;align-items:baseline;padding:.4em .8em;background:#1c1c1c}
header a{color:#8ab4f8}
#bp-rerun-problem{margin:1em;padding:.8em;border:1px solid #c0504d;background:#3a1d1d;color:#ffd7d5}
#bp-rerun-view{flex:1;min-height:0;position:relative}
#bp-rerun-view canvas{display:block}`
