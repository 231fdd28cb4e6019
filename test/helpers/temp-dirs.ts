import { rmSync } from 'node:fs'

// The suite makes thousands of folders (30 GB of them once filled the disk of the machine CI runs on):
// those made through tempDir are removed after the run (test/helpers/cleanup.ts, preloaded by bunfig.toml),
// unless BENCH_PLOT_KEEP_TEST_DIRS is set, to look at them after a failure.
const made: string[] = []

/** Registers `dir` for removal after the test run; returns it. */
export function madeDir(dir: string): string {
  made.push(dir)
  return dir
}

/** Removes every folder registered so far. */
export function removeMadeDirs(): void {
  if (process.env.BENCH_PLOT_KEEP_TEST_DIRS) return
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
}
