// Compiles the CLI and everything it serves (scripts, styles, the ECharts browser build, the rerun
// web viewer) into one executable.
import { prepareRerunViewer } from './rerun-viewer'

const root = `${import.meta.dir}/..`
const outfile = process.argv[2] ?? './bench-plot'
prepareRerunViewer(root, (line) => console.error(line))
const proc = Bun.spawnSync(['bun', 'build', '--compile', '--bytecode', '--minify', '--sourcemap', './src/cli/bin.ts', '--outfile', outfile], {
  cwd: root,
  stdout: 'inherit',
  stderr: 'inherit',
})
process.exit(proc.exitCode ?? 1)
