import { randomBytes } from 'node:crypto'
import path from 'node:path'

import type { CollectionBeforeOperationHook } from 'payload'

/** Lower-case words of the uploader's name, kept readable: `Our Wedding (1).JPG` → `our-wedding-1`. */
const stemOf = (name: string) =>
  path
    .parse(name)
    .name.normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'file'

/**
 * Public files get a name no other upload ever had (`our-wedding-1-3f9a2c1b.jpg`): their
 * addresses are cached by browsers and CDNs for a year as immutable, so a new file must never
 * take an old one's address, even after the old one was deleted.
 */
export const uniqueFileName: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if ((operation !== 'create' && operation !== 'update') || !req.file) return args
  const extension = path.extname(req.file.name).toLowerCase()
  req.file.name = `${stemOf(req.file.name)}-${randomBytes(4).toString('hex')}${extension}`
  return args
}
