// Real rerun recordings for the demo (see recordings/SOURCE.md), embedded by path: read only when
// `bench-plot demo` writes them into its cache directory.
import licence from './recordings/LICENSE.unity-rerun-sdk.Apache-2.0.txt' with { type: 'file' }
import textLog from './recordings/oracle_text_log.rrd' with { type: 'file' }
import scene from './recordings/phase3_scene.rrd' with { type: 'file' }

/** Files the demo puts under its cache directory: where (relative to it) and the embedded file to copy. */
export const demoFiles: { path: string; from: string }[] = [
  { path: 'rrd/scene-export/text-log.rrd', from: textLog },
  { path: 'rrd/scene-export/scene.rrd', from: scene },
  // Apache-2.0 asks for the licence beside redistributed files.
  { path: 'rrd/scene-export/LICENSE.unity-rerun-sdk.Apache-2.0.txt', from: licence },
]
