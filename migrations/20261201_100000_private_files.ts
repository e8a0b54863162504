import type { MigrateDownArgs, MigrateUpArgs } from '@payloadcms/db-postgres'

import { getEnv } from '@/lib/kit/env'
import { relocateLegacyPrivateFiles } from '../src/lib/files/legacyPrivateFiles'

/** Private files leave the public media folder for their own root, under generated names. */
export async function up({ db, payload }: MigrateUpArgs): Promise<void> {
  const env = getEnv()
  const result = await relocateLegacyPrivateFiles(db, {
    mediaDir: env.MEDIA_DIR,
    privateDir: env.PRIVATE_FILES_DIR,
  })
  if (result.moved || result.orphaned) {
    payload.logger.info(
      `Moved ${result.moved} private files (and ${result.orphaned} no document named) to ${env.PRIVATE_FILES_DIR}.`,
    )
  }
}

/** Nothing to undo: putting private files back where the public route serves them is the leak this fixed. */
export async function down({ payload }: MigrateDownArgs): Promise<void> {
  payload.logger.info('Private files stay in PRIVATE_FILES_DIR.')
}
