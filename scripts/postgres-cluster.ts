// A throwaway PostgreSQL cluster for tests and the bench: initdb in a temporary folder, started by
// pg_ctl on a free loopback port as a non-root user (PostgreSQL refuses to run as root), stopped and
// removed afterwards. Logins over TCP need a password (scram-sha-256), as on a team's server.
//
//   bun scripts/postgres-cluster.ts start   # prints: <admin URL> <folder>
//   bun scripts/postgres-cluster.ts stop FOLDER
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'

export type Cluster = { url: string; dir: string; stop(): void }

/** The folder of initdb and pg_ctl: the newest /usr/lib/postgresql/<version>/bin; null when PostgreSQL is not installed. */
export function postgresBin(): string | null {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return null
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl'))).sort((a, b) => Number(b) - Number(a))
  return versions.length === 0 ? null : join(root, versions[0], 'bin')
}

/** Start a cluster; throws saying why when it cannot. */
export async function startCluster(): Promise<Cluster> {
  const bin = postgresBin()
  if (!bin) throw new Error('PostgreSQL is not installed (Debian: apt-get install postgresql)')
  const dir = mkdtempSync(join(tmpdir(), 'bench-plot-pg-'))
  const data = join(dir, 'data')
  const password = crypto.randomUUID()
  writeFileSync(join(dir, 'pw'), `${password}\n`)
  // Root may not run PostgreSQL: the cluster belongs to the postgres user (Debian's package makes it).
  const asUser: string[] = userInfo().uid === 0 ? ['runuser', '-u', 'postgres', '--'] : []
  if (asUser.length > 0) {
    const { uid, gid } = postgresIds()
    chownSync(dir, uid, gid)
    chownSync(join(dir, 'pw'), uid, gid)
  }
  chmodSync(dir, 0o700)
  const port = await freePort()
  const run = (args: string[]) => {
    const p = Bun.spawnSync([...asUser, ...args], { stdout: 'pipe', stderr: 'pipe' })
    if (p.exitCode !== 0) throw new Error(`${args[0]} failed: ${p.stderr.toString().trim().split('\n').slice(-3).join(' / ')}`)
  }
  try {
    run([join(bin, 'initdb'), '-D', data, '-U', 'bench_admin', '--pwfile', join(dir, 'pw'), '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'])
    const opts = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c fsync=off -c max_connections=100`
    run([join(bin, 'pg_ctl'), '-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', '-t', '60', 'start'])
  } catch (err) {
    rmSync(dir, { recursive: true, force: true })
    throw err
  }
  return { url: `postgres://bench_admin:${password}@127.0.0.1:${port}/postgres`, dir, stop: () => stopCluster(dir) }
}

/** Stop the cluster in `dir` (fast: its data is thrown away) and remove the folder. */
export function stopCluster(dir: string): void {
  const bin = postgresBin()
  const asUser: string[] = userInfo().uid === 0 ? ['runuser', '-u', 'postgres', '--'] : []
  if (bin && existsSync(join(dir, 'data', 'postmaster.pid'))) Bun.spawnSync([...asUser, join(bin, 'pg_ctl'), '-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop'], { stdout: 'ignore', stderr: 'ignore' })
  rmSync(dir, { recursive: true, force: true })
}

function postgresIds(): { uid: number; gid: number } {
  const p = Bun.spawnSync(['id', '-u', 'postgres'])
  const g = Bun.spawnSync(['id', '-g', 'postgres'])
  if (p.exitCode !== 0) throw new Error('no postgres user to run the cluster as (Debian\'s postgresql package creates it)')
  return { uid: Number(p.stdout.toString()), gid: Number(g.stdout.toString()) }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })
}

if (import.meta.main) {
  const [cmd, dir] = process.argv.slice(2)
  if (cmd === 'start') {
    try {
      const c = await startCluster()
      console.log(`${c.url} ${c.dir}`)
    } catch (err) {
      console.error(`postgres-cluster: ${(err as Error).message}`)
      process.exit(1)
    }
  } else if (cmd === 'stop' && dir) stopCluster(dir)
  else {
    console.error('usage: bun scripts/postgres-cluster.ts start | stop FOLDER')
    process.exit(2)
  }
}
