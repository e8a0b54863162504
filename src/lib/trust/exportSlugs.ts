/**
 * The collections Payload's import-export plugin adds (src/lib/trust/adminExports.ts), named
 * here on their own so modules that only need the names do not load the plugin.
 */
export const EXPORTS_SLUG = 'exports'
export const IMPORTS_SLUG = 'imports'
