// Compiles the CLI and everything it serves (scripts, styles, the ECharts browser build, the rerun
// web viewer) into one executable.
//   bun scripts/build.ts [OUTFILE]                 this machine's executable, ./bench-plot by default
//   bun scripts/build.ts --all [--outdir DIR]      every platform into dist/ (or DIR), with SHA256SUMS
//   bun scripts/build.ts --target NAME [--outdir DIR]   one or more platforms (repeat --target)
// Cross-compiling fetches each target's Bun from the npm registry on first use (then it is cached).
import { mkdtempSync, renameSync, rmSync } from 'node:fs'
import { mkdir, readdir, rm } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { compileFlags } from './build/compile-flags'
import { platforms, type Platform } from './build/platforms'
import { prepareRerunViewer } from './rerun-viewer'

const root = resolve(import.meta.dir, '..')

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  options: { all: { type: 'boolean' }, target: { type: 'string', multiple: true }, outdir: { type: 'string' } },
  allowPositionals: true,
  strict: true,
})

const commit = buildCommit()
// The viewer's compressed files, made once per viewer version, are embedded by every target.
prepareRerunViewer(root, (line) => console.error(line))

if (values.all || values.target) {
  const chosen = values.all ? platforms : (values.target ?? []).map(platformNamed)
  const outdir = resolve(values.outdir ?? join(root, 'dist'))
  await mkdir(outdir, { recursive: true })
  for (const p of chosen) {
    const outfile = join(outdir, p.file)
    console.error(`building ${basename(outfile)} (${p.bunTarget}, commit ${commit})`)
    compile(outfile, p.bunTarget)
    // The source map is inside the executable; the file beside it would only be one more download.
    rmSync(`${outfile}.map`, { force: true })
  }
  await writeChecksums(outdir)
} else {
  compile(resolve(positionals[0] ?? join(root, 'bench-plot')))
}

function compile(outfile: string, target?: string): void {
  const args = ['bun', 'build', ...compileFlags, '--sourcemap', `--define=BENCH_PLOT_COMMIT=${JSON.stringify(commit)}`]
  if (target) args.push(`--target=${target}`)
  // Built in a folder of its own beside OUTFILE: the compiler writes each chunk's source map beside the
  // executable (the maps are inside it too), and only the executable and its own map are kept.
  const work = mkdtempSync(join(dirname(outfile), '.bench-plot-build-'))
  try {
    const built = join(work, basename(outfile))
    const proc = Bun.spawnSync([...args, './src/cli/bin.ts', '--outfile', built], { cwd: root, stdout: 'inherit', stderr: 'inherit' })
    if (proc.exitCode !== 0) {
      console.error(`bench-plot build: compiling ${outfile}${target ? ` for ${target}` : ''} failed`)
      process.exit(proc.exitCode ?? 1)
    }
    renameSync(built, outfile)
    renameSync(`${built}.map`, `${outfile}.map`)
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

/** SHA256SUMS over every executable in outdir, in the format `sha256sum -c` reads. */
async function writeChecksums(outdir: string): Promise<void> {
  const files = (await readdir(outdir)).filter((f) => f.startsWith('bench-plot-') && !f.endsWith('.map')).sort()
  const lines: string[] = []
  for (const f of files) {
    const hasher = new Bun.CryptoHasher('sha256')
    for await (const chunk of Bun.file(join(outdir, f)).stream()) hasher.update(chunk)
    lines.push(`${hasher.digest('hex')}  ${f}`)
  }
  await rm(join(outdir, 'SHA256SUMS'), { force: true })
  await Bun.write(join(outdir, 'SHA256SUMS'), `${lines.join('\n')}\n`)
  console.error(`wrote ${join(outdir, 'SHA256SUMS')} (${files.length} file${files.length === 1 ? '' : 's'})`)
}

/** The commit `--version` names: $BENCH_PLOT_COMMIT, else git's HEAD (+dirty), else unknown (a tarball). */
function buildCommit(): string {
  if (process.env.BENCH_PLOT_COMMIT) return process.env.BENCH_PLOT_COMMIT
  const git = (...a: string[]) => Bun.spawnSync(['git', ...a], { cwd: root, stdout: 'pipe', stderr: 'ignore' })
  const head = git('rev-parse', '--short=12', 'HEAD')
  if (head.exitCode !== 0) return 'unknown'
  const dirty = git('status', '--porcelain', '--untracked-files=no').stdout.toString().trim() !== ''
  return `${head.stdout.toString().trim()}${dirty ? '-dirty' : ''}`
}

function platformNamed(name: string): Platform {
  const p = platforms.find((x) => x.name === name)
  if (!p) {
    console.error(`bench-plot build: --target: expected one of ${platforms.map((x) => x.name).join(', ')}, got "${name}"`)
    process.exit(2)
  }
  return p
}
