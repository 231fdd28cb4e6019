import { describe } from 'bun:test'
import { freshDatabase, testPostgres } from '../helpers/postgres'
import { historyPageSuite } from './history-page-suite'

// The same history, comparison and index page tests with the store in PostgreSQL.
const pg = await testPostgres()

describe.skipIf(pg === null)('on PostgreSQL', () => {
  historyPageSuite(() => freshDatabase(pg as NonNullable<typeof pg>))
})
