// Writes test/fixtures/plots-options/digests.json from a checkout's chart code:
//   git worktree add /tmp/old-plots f0bc473 && bun test/plots/options-fixture.ts /tmp/old-plots
// The stored digests came from f0bc473, the last commit that bucketed values in one array per
// cell; options-equivalence.test.ts checks that today's code still builds the same options.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { digestCase, optionCases, type PlotApi } from './options-cases'

const root = process.argv[2]
if (!root) throw new Error('usage: bun test/plots/options-fixture.ts <checkout root>')
const plots = await import(join(root, 'src/plots/index.ts'))
const signature = await import(join(root, 'src/model/signature.ts'))
const api: PlotApi = { ...plots, sweepSignature: signature.sweepSignature }
const digests = optionCases().flatMap((c) => digestCase(c, api))
const dir = join(import.meta.dir, '../fixtures/plots-options')
mkdirSync(dir, { recursive: true })
writeFileSync(join(dir, 'digests.json'), `[\n${digests.map((d) => JSON.stringify(d)).join(',\n')}\n]\n`)
console.log(`${digests.length} charts`)
