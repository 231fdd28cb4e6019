/**
 * How an executable is compiled: bench-plot (scripts/build.ts, which adds its source maps and commit) and
 * the bench's reference servers (scripts/bench/hello-world.ts), so that the bench compares like with like.
 * - Split into chunks (ES modules, as splitting needs): a module reached only through import() is read and
 *   evaluated when imported, so a server never loads the importers, the page bodies or ECharts before it answers.
 * - No bunfig.toml or .env of the folder it runs in is read: a project's bunfig would have it run the
 *   project's `preload` scripts, and a .env would set BENCH_PLOT_DB behind the user's back.
 */
export const compileFlags = ['--compile', '--no-compile-autoload-bunfig', '--no-compile-autoload-dotenv', '--bytecode', '--minify', '--splitting', '--format=esm'] as const
