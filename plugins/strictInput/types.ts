export type StrictInputPluginConfig = {
  /**
   * Collections whose create and update bodies may only name fields the collection has.
   * @default every collection in the config
   */
  collections?: string[]
  /**
   * Keys accepted besides the collection's own fields (Payload's admin sends some of them).
   * @default ['id', 'createdAt', 'updatedAt', 'password', 'confirm-password', '_status']
   */
  allowedKeys?: string[]
  /**
   * Turns the check off while keeping the plugin in the config.
   * @default false
   */
  disabled?: boolean
}

export type SanitizedStrictInputPluginConfig = Required<Omit<StrictInputPluginConfig, 'collections'>> &
  Pick<StrictInputPluginConfig, 'collections'>
