/**
 * The `@rerun-io/web-viewer` version inside the executable: package.json pins it exactly, the build
 * checks the installed package against it, and the embedded files' paths name it.
 */
export const rerunViewerVersion = '0.33.0'
