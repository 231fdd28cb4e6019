import pkg from '../package.json' with { type: 'json' }

/** The version from package.json, compiled into the binary. */
export const version: string = pkg.version
