// Files imported `with { type: 'file' }` arrive as their path (inside the executable once compiled).
declare module '*.gz' {
  const path: string
  export default path
}
