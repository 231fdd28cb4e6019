// Preloaded before every test file (bunfig.toml): `bun test` runs no process exit handlers, and a hook
// registered here runs after the tests.
import { afterAll } from 'bun:test'
import { removeMadeDirs } from './temp-dirs'

afterAll(removeMadeDirs)
