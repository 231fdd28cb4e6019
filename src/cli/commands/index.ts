import type { Command } from '../command'
import { importCommand } from './import'
import { listCommand } from './list'
import { serveCommand } from './serve'
import { checkCommand } from './check'
import { compareCommand } from './compare'
import { demoCommand } from './demo'
import { exportCommand } from './export'
import { migrateCommand } from './migrate'

/** Every subcommand, in the order `bench-plot --help` lists them. */
export const commands: Command[] = [importCommand, listCommand, serveCommand, checkCommand, compareCommand, exportCommand, migrateCommand, demoCommand]
