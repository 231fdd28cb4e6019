export type ErrorCode = 'USAGE' | 'PARSE' | 'UNKNOWN_FORMAT' | 'NOT_FOUND' | 'STORE' | 'SERVE' | 'REGRESSION'

// Exit codes the CLI promises: 2 for input the user must fix, 1 for everything else.
const exitCodes = {
  USAGE: 2,
  PARSE: 2,
  UNKNOWN_FORMAT: 2,
  NOT_FOUND: 1,
  STORE: 1,
  SERVE: 1,
  REGRESSION: 1,
} satisfies Record<ErrorCode, number>

/** The one error type of bench-plot: a code, a message for the user and the exit code it maps to. */
export class BenchPlotError extends Error {
  readonly code: ErrorCode
  readonly exitCode: number
  constructor(code: ErrorCode, message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'BenchPlotError'
    this.code = code
    this.exitCode = exitCodes[code]
  }
}
