/** How the server offers rerun recordings. */
export type RerunOptions = {
  /**
   * Base URL of the `@rerun-io/web-viewer` build the pages use (the folder of its `index.js`), for
   * recordings from a newer rerun; null uses the one inside the executable, at `/rerun/`. @default null
   */
  viewerUrl: string | null
  /** The folder served at `/rrd_static/` (`<cachedir>/rrd`); null when there is none. */
  rrdDir: string | null
  /** The prefix of every URL behind a proxy (`--base-path`, normalised: `/bench`); '' for none. @default '' */
  basePath?: string
}

/** Where the page's viewer loads `index.js` from: the embedded build unless another is named. */
export function viewerBase(opts: Pick<RerunOptions, 'viewerUrl' | 'basePath'>): string {
  return opts.viewerUrl ?? `${opts.basePath ?? ''}/rerun/`
}

