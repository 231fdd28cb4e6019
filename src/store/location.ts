// Which backend a store location names, and how messages show it. Apart from the backends, so that a
// command resolving its --db (src/cli/paths.ts) loads no store code.

/** Whether `location` names a PostgreSQL database (`postgres://…` or `postgresql://…`) rather than a SQLite file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location)
}

/** The URL without its password: what messages and pages show. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = ''
    return u.toString().replace(/^(postgres(?:ql)?:\/\/[^:@/]*):?@/i, '$1@')
  } catch {
    return 'the PostgreSQL database'
  }
}
