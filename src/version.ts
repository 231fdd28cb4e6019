import pkg from '../package.json' with { type: 'json' }

// Replaced by the build (scripts/build.ts: --define); absent when the sources run under bun directly.
declare const BENCH_PLOT_COMMIT: string | undefined

/** The version from package.json, compiled into the binary. */
export const version: string = pkg.version

/** The commit the binary was built from: 12 hex digits, `-dirty` when the tree had changes, or `unknown`. */
export const commit: string = typeof BENCH_PLOT_COMMIT === 'string' ? BENCH_PLOT_COMMIT : 'unknown'

/** What `bench-plot --version` prints: `0.1.0 (commit 1a2b3c4d5e6f)`. */
export const versionLine = `${version} (commit ${commit})`
