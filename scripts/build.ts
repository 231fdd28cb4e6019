// Compiles the CLI and everything it serves (scripts, styles, the ECharts browser build) into one executable.
const outfile = process.argv[2] ?? './bench-plot'
const proc = Bun.spawnSync(['bun', 'build', '--compile', '--bytecode', '--minify', '--sourcemap', './src/cli/bin.ts', '--outfile', outfile], {
  cwd: `${import.meta.dir}/..`,
  stdout: 'inherit',
  stderr: 'inherit',
})
process.exit(proc.exitCode ?? 1)
