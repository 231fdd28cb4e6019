// Files imported `with { type: 'file' }` arrive as their path (inside the executable once compiled).
declare module '*.rrd' {
  const path: string
  export default path
}
declare module '*.txt' {
  const path: string
  export default path
}
