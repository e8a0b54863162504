import { randomUUID } from 'node:crypto'

import { fileTypeFromBuffer, fileTypeFromFile } from 'file-type'
import { type CollectionBeforeOperationHook, ValidationError } from 'payload'

const typeName = (mime: string) => (mime.split('/')[1] ?? mime).toUpperCase()

/**
 * Private files are stored under a random name whose extension follows what the bytes are,
 * not what the uploader called them: `insurance.pdf` or `passport.jpg` cannot be guessed, and
 * a script named `.pdf` is not stored at all.
 */
export const generateFileName: CollectionBeforeOperationHook = async ({
  args,
  collection,
  operation,
  req,
}) => {
  if ((operation !== 'create' && operation !== 'update') || !req.file) return args
  const file = req.file
  const sniffed =
    file.data && file.data.length > 0
      ? await fileTypeFromBuffer(file.data)
      : file.tempFilePath
        ? await fileTypeFromFile(file.tempFilePath)
        : undefined
  const accepted = collection.upload?.mimeTypes ?? []
  if (!sniffed || (accepted.length > 0 && !accepted.includes(sniffed.mime))) {
    throw new ValidationError({
      collection: collection.slug,
      errors: [
        {
          path: 'file',
          message: `Upload a file of one of these types: ${accepted.map(typeName).join(', ')}.`,
        },
      ],
    })
  }
  file.name = `${randomUUID()}.${sniffed.ext}`
  file.mimetype = sniffed.mime
  return args
}
