import type { Config } from 'payload'

import { checkBodyShape } from './hooks/checkBodyShape'
import { checkQueries } from './hooks/checkQueries'
import { formatClientErrors } from './hooks/formatClientErrors'
import { rejectUnknownFields } from './hooks/rejectUnknownFields'
import type { SanitizedStrictInputPluginConfig, StrictInputPluginConfig } from './types'
import { guardPayloadEndpoints } from './utilities/guardPayloadEndpoints'
import { refuseAccessQueries } from './utilities/refuseAccessQueries'
import { requireBeforeCustomRules } from './utilities/requireBeforeCustomRules'

export type { ReadableRows, StrictInputFieldCustom, StrictInputPluginConfig } from './types'

const DEFAULT_ALLOWED_KEYS = [
  'id',
  'createdAt',
  'updatedAt',
  'password',
  'confirm-password',
  '_status',
]

/**
 * A client's mistake is refused before anything is stored, with a 4xx naming it: unknown
 * fields, values of the wrong shape, empty required fields, ids the database cannot hold, and
 * filters or sorts a field cannot take or the caller may not use. Add it last, so it sees the
 * collections other plugins add.
 */
export const strictInputPlugin =
  (options: StrictInputPluginConfig = {}) =>
  (config: Config): Config => {
    const sanitized: SanitizedStrictInputPluginConfig = {
      allowedKeys: options.allowedKeys ?? DEFAULT_ALLOWED_KEYS,
      disabled: options.disabled ?? false,
      collections: options.collections,
    }
    if (sanitized.disabled) return config
    const unknownFields = rejectUnknownFields(sanitized.allowedKeys)
    return {
      ...config,
      collections: (config.collections ?? []).map((collection) =>
        sanitized.collections && !sanitized.collections.includes(collection.slug)
          ? collection
          : {
              ...collection,
              fields: requireBeforeCustomRules(collection.fields),
              hooks: {
                ...collection.hooks,
                beforeOperation: [
                  ...(collection.hooks?.beforeOperation ?? []),
                  checkQueries,
                  checkBodyShape,
                  unknownFields,
                ],
              },
            },
      ),
      hooks: {
        ...config.hooks,
        afterError: [...(config.hooks?.afterError ?? []), formatClientErrors],
      },
      graphQL: {
        ...config.graphQL,
        validationRules: (args) => [
          ...(config.graphQL?.validationRules?.(args) ?? []),
          refuseAccessQueries,
        ],
      },
      onInit: async (payload) => {
        guardPayloadEndpoints(payload)
        await config.onInit?.(payload)
      },
    }
  }
