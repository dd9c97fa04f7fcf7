// swagger-ui-dist ships no types; the one call the developer portal makes.
declare module 'swagger-ui-dist/swagger-ui-es-bundle.js' {
  const SwaggerUI: (options: Record<string, unknown> & { url: string; domNode?: HTMLElement }) => unknown
  export default SwaggerUI
}
