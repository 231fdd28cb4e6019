import type { Command } from '../command'

/** Every subcommand's name, in the order `bench-plot --help` lists them. */
export const commandNames = ['import', 'list', 'serve', 'check', 'compare', 'export', 'migrate', 'demo'] as const

/**
 * The command named `name`, or undefined. Each is loaded when it runs, not at start: a server need not
 * evaluate the importers, the check formats or the demo's runs before it answers (string imports, so
 * that `bun build --compile` bundles them).
 */
export async function loadCommand(name: string): Promise<Command | undefined> {
  switch (name) {
    case 'import':
      return (await import('./import')).importCommand
    case 'list':
      return (await import('./list')).listCommand
    case 'serve':
      return (await import('./serve')).serveCommand
    case 'check':
      return (await import('./check')).checkCommand
    case 'compare':
      return (await import('./compare')).compareCommand
    case 'export':
      return (await import('./export')).exportCommand
    case 'migrate':
      return (await import('./migrate')).migrateCommand
    case 'demo':
      return (await import('./demo')).demoCommand
    default:
      return undefined
  }
}

/** Every subcommand, loaded (for `bench-plot --help`). */
export async function loadCommands(): Promise<Command[]> {
  return Promise.all(commandNames.map(async (name) => (await loadCommand(name)) as Command))
}
