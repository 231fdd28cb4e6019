import { main } from './main'

// No top-level await: `bun build --compile --bytecode` needs an entry without it.
void main().then((code) => {
  process.exitCode = code
})
