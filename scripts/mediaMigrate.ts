/**
 * npm run media:migrate
 * Copies every upload kept on this disk (MEDIA_DIR, and each private collection's folder under
 * PRIVATE_FILES_DIR) into the S3 bucket the environment names, under the keys Payload's
 * adapter reads (`public/media/<name>`, `private/<collection>/<name>`). A file already in the
 * bucket with the same size is skipped: run it again after an interruption, or once more just
 * before switching S3_BUCKET on for the app. Nothing is deleted from the disk.
 */
import { copyFiles } from '@/lib/files/copy'
import { diskFileStore, fileStoreFromEnv } from '@/lib/files/store'
import { getEnv } from '@/lib/kit/env'

const env = getEnv()
if (!env.S3_BUCKET) {
  console.error('Set S3_BUCKET (with S3_REGION, and S3_ENDPOINT for a service other than AWS).')
  process.exit(2)
}

try {
  const counts = await copyFiles(diskFileStore(env), fileStoreFromEnv(env))
  let copied = 0
  let skipped = 0
  for (const [collection, count] of Object.entries(counts)) {
    console.log(`${collection}: ${count.copied} copied, ${count.skipped} already in the bucket`)
    copied += count.copied
    skipped += count.skipped
  }
  console.log(`${copied} files copied, ${skipped} already there, into s3://${env.S3_BUCKET}`)
  process.exit(0)
} catch (error) {
  console.error('Copying the files into the bucket failed; run it again to finish:', error)
  process.exit(1)
}
