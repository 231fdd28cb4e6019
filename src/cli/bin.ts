import { main } from './main'

// No top-level await: `bun build --compile --bytecode` needs an entry without it.
void main().then((code) => {
  process.exitCode = code
  // A failed command ends now, even when something it started (a chart's timer, a connection) would keep it alive.
  if (code !== 0) setTimeout(() => process.exit(code), 100).unref()
})
