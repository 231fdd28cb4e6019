import { describe, expect, it } from 'bun:test'
import { memoryRelease, releaseFromSamples } from '../../src/server/release-memory'

describe('memoryRelease', () => {
  it('does nothing for a run below half a million samples', () => {
    expect(memoryRelease(0)).toBeNull()
    expect(memoryRelease(releaseFromSamples - 1)).toBeNull()
  })

  it('collects what a big page no longer holds', async () => {
    const release = memoryRelease(releaseFromSamples)
    expect(release).toBeFunction()
    // Made in a function of its own, so that no stack slot of this one keeps it.
    const dropped = (() => new WeakRef(new Float64Array(1 << 20)))()
    // A WeakRef holds its target until the job that made it ends.
    await Bun.sleep(0)
    release?.()
    expect(dropped.deref()).toBeUndefined()
  })
})
