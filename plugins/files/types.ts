export type FilesPluginConfig = {
  /**
   * Upload collections whose files are private: stored under `privateDir`, never in a folder a
   * public route serves, and saved under generated names.
   */
  privateCollections: string[]
  /**
   * Upload collections whose files only some people may read but which keep their own names
   * and folder (generated documents such as admin exports): sent never-cached, like private
   * files, so no shared cache holds one.
   * @default []
   */
  uncachedCollections?: string[]
  /** The private storage root; each private collection gets a folder named after its slug. */
  privateDir: string
  /**
   * Turns the plugin's checks off; private collections still get their storage folder so files
   * never fall back into a public one.
   * @default false
   */
  disabled?: boolean
}

export type SanitizedFilesPluginConfig = Required<FilesPluginConfig>
