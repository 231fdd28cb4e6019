import { join } from 'node:path'
import { historyPageSuite } from './history-page-suite'

historyPageSuite(async (dir) => join(dir, 'cachedir', 'bench-plot.sqlite'))
