export type FilesPluginConfig = {
  /**
   * Upload collections whose files are private: stored under `privateDir`, never in a folder a
   * public route serves, and saved under generated names.
   */
  privateCollections: string[]
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
