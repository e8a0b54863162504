import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionBeforeDeleteHook,
  CollectionConfig,
  Endpoint,
} from 'payload'

/** What the plugin adds to a collection it indexes or reads. */
export type SearchAdditions = {
  endpoints?: Endpoint[]
  afterChange?: CollectionAfterChangeHook
  afterDelete?: CollectionAfterDeleteHook
  beforeDelete?: CollectionBeforeDeleteHook
}

/**
 * A collection with the plugin's endpoints and hooks appended to its own. Endpoints stay when
 * the plugin is disabled (they answer 503); the hooks that sync the index do not.
 */
export const withSearch = (
  collection: CollectionConfig,
  { endpoints, afterChange, afterDelete, beforeDelete }: SearchAdditions,
  disabled: boolean,
): CollectionConfig => {
  const hooks = collection.hooks ?? {}
  return {
    ...collection,
    // Ours first: Payload's own `/:id` route would otherwise take `/search`.
    ...(endpoints ? { endpoints: [...endpoints, ...(collection.endpoints || [])] } : {}),
    ...(disabled
      ? {}
      : {
          hooks: {
            ...hooks,
            ...(afterChange ? { afterChange: [...(hooks.afterChange ?? []), afterChange] } : {}),
            ...(afterDelete ? { afterDelete: [...(hooks.afterDelete ?? []), afterDelete] } : {}),
            ...(beforeDelete
              ? { beforeDelete: [...(hooks.beforeDelete ?? []), beforeDelete] }
              : {}),
          },
        }),
  }
}
