// The one import from outside the plugin, and a type only: erased from the build, so billing
// still runs without the OpenAPI plugin. The contracts on its endpoints are checked against it.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- a type, erased at runtime
export type { Contract } from '../../openapi'
