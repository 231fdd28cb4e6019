import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startServer, type ServerProcess } from '../helpers/binary'
import { importedStore, rawGet } from './helpers'

// Point 11 of issue 22 (keep what holds): no request under /media/ or /rrd_static/ reaches a byte outside them.
const secret = 'SECRET-7f3a9c-outside-the-cachedir'

const climbs = ['..', '%2e%2e', '%2E%2E', '.%2e', '%2e.', '..%00', '%252e%252e', '..%c0%af', '%c0%ae%c0%ae', '....', '.../.', '..\\', '..%5c', '..%255c']
const seps = ['/', '%2f', '%2F', '\\', '%5c', '%255c', '//', '/./']
const targets = ['secret.txt', 'etc/passwd', 'cachedir/bench-plot.sqlite']

function corpus(): string[] {
  const paths = new Set<string>()
  for (const up of climbs) {
    for (const sep of seps) {
      for (const depth of [1, 2, 3, 6]) {
        for (const target of targets) paths.add(`${`${up}${sep}`.repeat(depth)}${target}`)
      }
    }
  }
  for (const extra of ['/tmp/secret.txt', '%2ftmp%2fsecret.txt', 'file:///etc/passwd', 'out/secret.txt', 'out', 'link-out', 'link-out/../secret.txt', 'link-up/secret.txt', '.', '', '%00', 'media.txt%00.png', '..;/secret.txt']) paths.add(extra)
  return [...paths]
}

let server: ServerProcess
let outside: string
beforeAll(async () => {
  const { dir, db } = await importedStore()
  outside = dir
  writeFileSync(join(dir, 'secret.txt'), secret)
  const cachedir = join(dir, 'cachedir')
  mkdirSync(join(cachedir, 'rrd'), { recursive: true })
  writeFileSync(join(cachedir, 'media.txt'), 'inside')
  symlinkSync(join(dir, 'secret.txt'), join(cachedir, 'link-out'))
  symlinkSync(dir, join(cachedir, 'link-up'))
  symlinkSync(join(dir, 'secret.txt'), join(cachedir, 'rrd', 'link-out'))
  server = await startServer(['serve', 'sort', '--cachedir', cachedir, '--db', db, '--no-open'])
})
afterAll(async () => {
  await server?.stop()
})

describe('traversal', () => {
  it('leaks not a byte of a file outside the served folders, whatever the encoding', async () => {
    const paths = corpus()
    expect(paths.length).toBeGreaterThan(1000)
    let served = 0
    for (const prefix of ['/media/', '/rrd_static/']) {
      for (const p of paths) {
        const r = await rawGet(server.port, prefix + p, `127.0.0.1:${server.port}`)
        expect(`${prefix}${p} ${r.body.includes(secret) || r.body.includes('root:x:0') || r.body.includes('SQLite format')}`).toBe(`${prefix}${p} false`)
        expect(r.status).not.toBe(500)
        if (r.status === 200) served++
      }
    }
    // Nothing in the corpus names a file inside the folders but through a climb: nothing is served.
    expect(served).toBe(0)
    expect(outside).toBeTruthy()
  }, 120_000)

  it('still serves a file inside', async () => {
    expect(await (await fetch(`${server.url}media/media.txt`)).text()).toBe('inside')
  })
})
