/** One platform `bun run build --all` compiles for. */
export type Platform = {
  /** `<os>-<arch>[-libc]`, the part of the file name after `bench-plot-`. */
  name: string
  /** `bun build --target` value. */
  bunTarget: string
  /** Executable file name in dist/. */
  file: string
}

const platform = (name: string, bunTarget: string, exe = false): Platform => ({ name, bunTarget, file: `bench-plot-${name}${exe ? '.exe' : ''}` })

/** Every platform of a release; linux builds are for glibc unless named musl. */
export const platforms: readonly Platform[] = [
  platform('linux-x64', 'bun-linux-x64'),
  platform('linux-arm64', 'bun-linux-arm64'),
  platform('linux-x64-musl', 'bun-linux-x64-musl'),
  platform('darwin-x64', 'bun-darwin-x64'),
  platform('darwin-arm64', 'bun-darwin-arm64'),
  platform('windows-x64', 'bun-windows-x64', true),
]
