// Files imported `with { type: 'text' }` arrive as their text.
declare module '*.css' {
  const text: string
  export default text
}
// Imported `with { type: 'file' }`: its path, inside the executable once compiled.
declare module '*/echarts.min.js' {
  const path: string
  export default path
}
