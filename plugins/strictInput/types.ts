import type { Where } from 'payload'

export type StrictInputPluginConfig = {
  /**
   * Collections whose requests are checked: bodies, ids, filters and sorts.
   * @default every collection in the config
   */
  collections?: string[]
  /**
   * Keys accepted besides the collection's own fields (Payload's admin sends some of them).
   * @default ['id', 'createdAt', 'updatedAt', 'password', 'confirm-password', '_status']
   */
  allowedKeys?: string[]
  /**
   * Turns the checks off while keeping the plugin in the config.
   * @default false
   */
  disabled?: boolean
}

export type SanitizedStrictInputPluginConfig = Required<
  Omit<StrictInputPluginConfig, 'collections'>
> &
  Pick<StrictInputPluginConfig, 'collections'>

/**
 * Set on a field's `custom` when only some of the rows a caller can read show them this field
 * (a review's author is shown to the review's two sides, not to everyone who reads the review).
 * Filters on the field are then limited to those rows, and sorting on it is refused unless the
 * answer is `true`, so a filter cannot tell the caller what the field hides.
 */
export type ReadableRows = (
  user: { id: number | string; role?: string | null } | null,
) => Where | boolean

export type StrictInputFieldCustom = { readableRows?: ReadableRows }
