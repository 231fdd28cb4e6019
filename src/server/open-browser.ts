type OpenBrowserOptions = {
  platform?: NodeJS.Platform
  /** Starts the opener; tests pass their own. @default Bun.spawn, detached from our stdio */
  spawn?: (cmd: string[]) => { exited: Promise<number> }
}

/** The command that opens a URL in the default browser: xdg-open, open, or start. */
export function browserCommand(url: string, platform: NodeJS.Platform = process.platform): string[] {
  if (platform === 'darwin') return ['open', url]
  if (platform === 'win32') return ['cmd', '/c', 'start', '""', url]
  return ['xdg-open', url]
}

/** Whether to open a browser when neither --open nor --no-open is given: stdout is a terminal and a display is there. */
export function shouldOpenByDefault(isTTY: boolean, env: Record<string, string | undefined>, platform: NodeJS.Platform = process.platform): boolean {
  if (!isTTY) return false
  if (platform === 'darwin' || platform === 'win32') return true
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY)
}

/**
 * Open `url` in the default browser. Never throws: returns null on success, else a one-line reason
 * (the caller prints it as a warning; a browser that cannot be opened is not a failure).
 */
export async function openBrowser(url: string, opts: OpenBrowserOptions = {}): Promise<string | null> {
  const cmd = browserCommand(url, opts.platform)
  const spawn = opts.spawn ?? ((c: string[]) => Bun.spawn(c, { stdin: 'ignore', stdout: 'ignore', stderr: 'ignore' }))
  try {
    const proc = spawn(cmd)
    // xdg-open returns at once when a browser is found; a launcher that hangs is not waited for.
    const code = await Promise.race([proc.exited, Bun.sleep(3000).then(() => 0)])
    return code === 0 ? null : `${cmd[0]} exited with status ${code}`
  } catch (err) {
    const e = err as { code?: string; message?: string }
    return `${cmd[0]}: ${e.code ?? e.message ?? String(err)}`
  }
}
