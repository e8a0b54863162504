import type { CollectionConfig, Endpoint, Field } from 'payload'

/**
 * One capability of the accounts collection (data export, erasure, consent, sign-in with a
 * provider, suspension), kept in its own file: the fields it stores, the endpoints it adds under
 * `/api/users`, and its hooks, which run before the collection's own of the same kind.
 */
export type UserFeature = {
  fields?: Field[]
  endpoints?: Endpoint[]
  hooks?: CollectionConfig['hooks']
}

type Hooks = NonNullable<CollectionConfig['hooks']>

/** The collection's hooks with each feature's in front of them, kind by kind. */
export const mergeFeatureHooks = (own: Hooks, features: UserFeature[]): Hooks => {
  const merged: Record<string, unknown[]> = {}
  for (const source of [...features.map((feature) => feature.hooks ?? {}), own]) {
    for (const [kind, list] of Object.entries(source)) {
      merged[kind] = [...(merged[kind] ?? []), ...((list as unknown[] | undefined) ?? [])]
    }
  }
  return merged as Hooks
}
