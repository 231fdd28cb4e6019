import type { Command } from '../command'
import { importCommand } from './import'
import { listCommand } from './list'

/** Every subcommand, in the order `bench-plot --help` lists them. */
export const commands: Command[] = [importCommand, listCommand]
