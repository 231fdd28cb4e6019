// The fast tier for the edit loop: every test file that needs neither the compiled binary nor a
// browser (those import test/helpers/binary, test/helpers/browser or playwright-core), run without a build.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dir, '..')
const files = readdirSync(join(root, 'test'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.test.ts'))
  .filter((f) => !/helpers\/(binary|browser)['"]|playwright-core/.test(readFileSync(join(root, 'test', f), 'utf8')))
  .sort()
  .map((f) => `./test/${f}`)
const proc = Bun.spawnSync(['bun', 'test', '--timeout', '60000', ...files, ...process.argv.slice(2)], { cwd: root, stdout: 'inherit', stderr: 'inherit' })
process.exit(proc.exitCode ?? 1)
