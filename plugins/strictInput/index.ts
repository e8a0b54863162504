import type { Config } from 'payload'

import { rejectUnknownFields } from './hooks/rejectUnknownFields'
import type { SanitizedStrictInputPluginConfig, StrictInputPluginConfig } from './types'

export type { StrictInputPluginConfig } from './types'

const DEFAULT_ALLOWED_KEYS = ['id', 'createdAt', 'updatedAt', 'password', 'confirm-password', '_status']

/** Refuses create/update bodies that name fields a collection does not have. */
export const strictInputPlugin =
  (options: StrictInputPluginConfig = {}) =>
  (config: Config): Config => {
    const sanitized: SanitizedStrictInputPluginConfig = {
      allowedKeys: options.allowedKeys ?? DEFAULT_ALLOWED_KEYS,
      disabled: options.disabled ?? false,
      collections: options.collections,
    }
    if (sanitized.disabled) return config
    const hook = rejectUnknownFields(sanitized.allowedKeys)
    return {
      ...config,
      collections: (config.collections ?? []).map((collection) =>
        sanitized.collections && !sanitized.collections.includes(collection.slug)
          ? collection
          : {
              ...collection,
              hooks: {
                ...collection.hooks,
                beforeOperation: [...(collection.hooks?.beforeOperation ?? []), hook],
              },
            },
      ),
    }
  }
