import { escapeHtml } from '../format'
import type { RecordingCheck } from '../model/rerun-recording'

/** One recording the viewer can switch to: a sweep point's file, its URLs and what the server found in it. */
export type RerunRecordingItem = {
  /** The sweep point (and repeat), plain text. */
  label: string
  /** The file's path under the cache directory, plain text. */
  name: string
  /** The file itself (`/rrd_static/...`). */
  fileUrl: string
  /** The full-page viewer of it, for "open in new tab". */
  viewUrl: string
  /** What the inline frame loads to view it. */
  frameUrl: string
  check: RecordingCheck
}

type RerunViewerProps = {
  /** The result the recordings are of, plain text. */
  result: string
  recordings: RerunRecordingItem[]
  /** The browser script that makes the controls work. */
  scriptUrl: string
  /** Height of the viewer in CSS pixels. @default 600 */
  height?: number
  /**
   * A static report's page, which may be opened as a file: browsers fetch no script module or wasm
   * from `file://`, so it says how to view the recordings; the controls' script hides that when it runs.
   */
  fromFile?: boolean
}

/**
 * The inline rerun viewer of a result: a selector of its recordings, "Load viewer", full screen and
 * open-in-new-tab. Nothing of the viewer is fetched until the reader clicks "Load viewer"; without
 * JavaScript the controls stay hidden and the file's link remains. A recording the server found bad
 * shows why, in place of the viewer.
 */
export function RerunViewer(props: RerunViewerProps): string {
  const first = props.recordings.find((r) => r.check.viewable) ?? props.recordings[0]
  if (!first) return ''
  const height = props.height ?? 600
  const e = escapeHtml
  return (
    <>
      <style>{viewerCss}</style>
      <section class="bp-rerun-viewer" data-result={e(props.result)} data-state="idle" aria-label={e(`Rerun viewer of ${props.result}`)}>
        <div class="bp-rerun-bar">
          <label data-needs-script hidden>
            Recording{' '}
            <select class="bp-rerun-select">
              {props.recordings.map((r, i) => (
                <option
                  value={String(i)}
                  selected={r === first}
                  data-name={e(r.name)}
                  data-file-url={e(r.fileUrl)}
                  data-view-url={e(r.viewUrl)}
                  data-frame-url={e(r.frameUrl)}
                  data-viewable={String(r.check.viewable)}
                  data-status={r.check.status}
                  data-problem={e(r.check.problem ?? '')}
                >
                  {e(optionLabel(r))}
                </option>
              ))}
            </select>
          </label>
          <button type="button" class="bp-rerun-load" data-needs-script hidden disabled={!first.check.viewable}>
            Load viewer
          </button>
          <button type="button" class="bp-rerun-fullscreen" data-needs-script hidden disabled>
            Full screen
          </button>
          <a class="bp-rerun-newtab" href={e(first.viewUrl)} target="_blank" rel="noopener">
            Open in new tab
          </a>
          <a class="bp-rerun-file" href={e(first.fileUrl)}>
            {e(first.name)}
          </a>
          <span class="bp-rerun-status" role="status"></span>
        </div>
        {props.fromFile ? (
          <p class="bp-rerun-static" role="note">
            The viewer opens recordings when this report is served over HTTP (in its folder: <code>python3 -m http.server</code>, then open the address it prints), or with{' '}
            <code>bench-plot serve</code> on the store. Opened as a file, a browser loads no viewer; the recording itself is the link above.
          </p>
        ) : (
          ''
        )}
        <p class="bp-rerun-problem" role="alert" hidden={first.check.problem === null}>
          {e(first.check.problem ?? '')}
        </p>
        <div class="bp-rerun-stage" style={`height:${Math.round(height)}px`} hidden></div>
      </section>
      <script type="module" src={e(props.scriptUrl)}></script>
    </>
  ) as string
}

// --- internal ---

// The component's own rules (the page allows inline styles): a bar of controls, a frame filling its stage.
const viewerCss = `.bp-rerun-viewer{margin:.6em 0}
.bp-rerun-bar{display:flex;flex-wrap:wrap;gap:.4em .8em;align-items:center}
.bp-rerun-bar [hidden]{display:none}
.bp-rerun-problem{margin:.5em 0;padding:.6em .8em;border:1px solid #c0504d;background:#fbeaea;color:#7a1d1a}
.bp-rerun-stage{margin-top:.5em;border:1px solid #ccc;background:#0d1011}
.bp-rerun-frame{display:block;width:100%;height:100%;border:0}
.bp-rerun-note{display:block;color:#7a1d1a;font-size:.9em}
.bp-rerun-static{margin:.5em 0;padding:.6em .8em;border:1px solid #c9b458;background:#fdf8e2}`

const statusWords: Record<RecordingCheck['status'], string> = {
  ok: '',
  missing: 'missing',
  'not-rrd': 'not a recording',
  'too-old': 'too old',
  'too-new': 'newer than the viewer',
  truncated: 'truncated',
  damaged: 'damaged',
}

function optionLabel(r: RerunRecordingItem): string {
  const words = statusWords[r.check.status]
  return words ? `${r.label} (${words})` : r.label
}
