// Renders the app's icons from public/icons/icon.svg (run after changing the SVG; the PNGs and
// favicon.ico are committed so builds need nothing of this): `node scripts/icons.mjs`.
import { readFile, writeFile } from 'node:fs/promises'

import sharp from 'sharp'

const svg = await readFile('public/icons/icon.svg')
const BRAND = '#0f766e'
// `fullBleed` fills the rounded corners with the brand colour: for maskable icons (the system
// crops them to its own shape) and iOS, which shows transparency as black.
const png = async (size, { padding = 0, fullBleed = false } = {}) => {
  const inner = await sharp(svg, { density: 300 })
    .resize(size - padding * 2, size - padding * 2)
    .png()
    .toBuffer()
  const image = sharp(inner).extend({
    top: padding,
    bottom: padding,
    left: padding,
    right: padding,
    background: fullBleed ? BRAND : { r: 0, g: 0, b: 0, alpha: 0 },
  })
  return (fullBleed ? image.flatten({ background: BRAND }) : image)
    .png({ compressionLevel: 9 })
    .toBuffer()
}

await writeFile('public/icons/icon-192.png', await png(192))
await writeFile('public/icons/icon-512.png', await png(512))
// Maskable: the mark inside the safe zone (the middle 80%), the brand colour to the edges.
await writeFile(
  'public/icons/icon-maskable-512.png',
  await png(512, { padding: 52, fullBleed: true }),
)
await writeFile('src/app/apple-icon.png', await png(180, { fullBleed: true }))

// favicon.ico: the ICO container holding one 32x32 PNG (the format Windows Vista and every
// browser since read): a 6-byte header, a 16-byte directory entry, then the PNG.
const small = await png(32)
const header = Buffer.alloc(22)
header.writeUInt16LE(0, 0) // reserved
header.writeUInt16LE(1, 2) // type: icon
header.writeUInt16LE(1, 4) // one image
header.writeUInt8(32, 6) // width
header.writeUInt8(32, 7) // height
header.writeUInt8(0, 8) // no palette
header.writeUInt8(0, 9) // reserved
header.writeUInt16LE(1, 10) // colour planes
header.writeUInt16LE(32, 12) // bits per pixel
header.writeUInt32LE(small.length, 14) // image size
header.writeUInt32LE(22, 18) // image offset
await writeFile('src/app/favicon.ico', Buffer.concat([header, small]))
