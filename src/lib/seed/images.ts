import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'

import type { Payload } from 'payload'
import type { Pool } from 'pg'
import sharp from 'sharp'

import { slugs } from '@/collections/slugs'
import { withTransaction } from '@/lib/kit/transaction'

import { createRandom, type Random } from './generate'

/**
 * Demo portfolio photos, drawn here rather than downloaded: each category group has a few
 * SVG scenes (no text) varied by a seeded random, rendered by sharp to WebP once per seed and
 * hard-linked into MEDIA_DIR under each demo vendor's own filenames.
 */
export const POOL_WIDTH = 1200
export const POOL_HEIGHT = 800
export const IMAGES_PER_GROUP = 4
export const IMAGES_PER_VENDOR = 3
const QUALITY = 82

/** The sizes of `collections/Media.ts`; hero (1600 wide, no enlargement) keeps the original. */
export const DEMO_SIZES = [
  { name: 'thumbnail', width: 320, height: 240 },
  { name: 'card', width: 768, height: 512 },
  { name: 'hero', width: POOL_WIDTH, height: POOL_HEIGHT },
] as const

type Scene = (random: Random) => string

const hsl = (h: number, s: number, l: number) => `hsl(${Math.round(h)}, ${s}%, ${l}%)`
const W = POOL_WIDTH
const H = POOL_HEIGHT

const sky = (random: Random, id: string) => {
  const hue = random.int(185, 225)
  return `<defs><linearGradient id="${id}" x1="0" y1="0" x2="0" y2="1">
    <stop offset="0" stop-color="${hsl(hue, 70, random.int(62, 75))}"/>
    <stop offset="1" stop-color="${hsl(hue + random.int(-30, 140), 65, random.int(82, 90))}"/></linearGradient></defs>
    <rect width="${W}" height="${H}" fill="url(#${id})"/>`
}

const hills = (random: Random, count: number) =>
  Array.from({ length: count }, (_, i) => {
    const y = H * (0.55 + i * 0.12)
    const hue = random.int(85, 140)
    const a = random.int(-80, 80)
    const b = random.int(-80, 80)
    return `<path d="M0 ${y + a} Q ${W * 0.3} ${y - 120 + b} ${W * 0.6} ${y} T ${W} ${y + b} V ${H} H 0 Z"
      fill="${hsl(hue, 40 + i * 8, 48 - i * 8)}"/>`
  }).join('')

const photography: Scene = (random) => {
  const sunX = random.int(300, 900)
  const sunY = random.int(180, 330)
  return `${sky(random, 'sky')}
    <circle cx="${sunX}" cy="${sunY}" r="${random.int(60, 100)}" fill="${hsl(random.int(35, 50), 95, 70)}" opacity="0.9"/>
    ${hills(random, 3)}
    <rect x="40" y="40" width="${W - 80}" height="${H - 80}" rx="36" fill="none" stroke="#111" stroke-opacity="0.55" stroke-width="14"/>
    <circle cx="${W / 2}" cy="${H / 2}" r="${random.int(260, 330)}" fill="none" stroke="#fff" stroke-opacity="0.5" stroke-width="6"/>
    <path d="M${W / 2 - 30} ${H / 2} h60 M${W / 2} ${H / 2 - 30} v60" stroke="#fff" stroke-opacity="0.7" stroke-width="4"/>`
}

const catering: Scene = (random) => {
  const cloth = hsl(random.int(0, 360), 35, random.int(80, 90))
  const count = random.int(4, 6)
  const plates = Array.from({ length: count }, (_, i) => {
    const x = (W / (count + 1)) * (i + 1) + random.int(-30, 30)
    const y = random.int(420, 620)
    const food = hsl(random.int(0, 60), 70, random.int(40, 55))
    return `<ellipse cx="${x}" cy="${y}" rx="95" ry="55" fill="#fff" stroke="#ccc" stroke-width="4"/>
      <ellipse cx="${x}" cy="${y}" rx="60" ry="33" fill="#f4f4f4"/>
      <ellipse cx="${x + random.int(-15, 15)}" cy="${y - 5}" rx="${random.int(25, 40)}" ry="${random.int(14, 20)}" fill="${food}"/>
      <ellipse cx="${x + 25}" cy="${y - 10}" rx="12" ry="8" fill="${hsl(random.int(90, 130), 55, 40)}"/>`
  }).join('')
  return `<rect width="${W}" height="${H}" fill="${hsl(random.int(20, 40), 35, random.int(25, 35))}"/>
    <rect x="0" y="300" width="${W}" height="${H - 300}" fill="${cloth}"/>
    <rect x="0" y="300" width="${W}" height="18" fill="#000" opacity="0.1"/>
    ${plates}
    <rect x="${random.int(100, 1000)}" y="330" width="22" height="70" rx="8" fill="#fff" opacity="0.7"/>`
}

const music: Scene = (random) => {
  const count = random.int(4, 7)
  const beams = Array.from({ length: count }, (_, i) => {
    const x = (W / (count + 1)) * (i + 1)
    const hue = random.int(0, 360)
    return `<polygon points="${x - 15},60 ${x + 15},60 ${x + random.int(80, 220)},${H - 200} ${x - random.int(80, 220)},${H - 200}"
      fill="${hsl(hue, 90, 65)}" opacity="0.35"/>
      <circle cx="${x}" cy="60" r="22" fill="${hsl(hue, 90, 75)}"/>`
  }).join('')
  const crowd = Array.from({ length: 18 }, (_, i) => {
    const x = i * 70 + random.int(0, 30)
    const r = random.int(28, 40)
    return `<circle cx="${x}" cy="${H - 70 + random.int(-20, 10)}" r="${r}" fill="#0b0b14"/>`
  }).join('')
  return `<rect width="${W}" height="${H}" fill="${hsl(random.int(230, 290), 45, 12)}"/>
    <rect x="0" y="0" width="${W}" height="70" fill="#222"/>
    ${beams}
    <rect x="80" y="${H - 220}" width="${W - 160}" height="60" fill="${hsl(random.int(0, 40), 30, 22)}"/>
    ${crowd}`
}

const venues: Scene = (random) => {
  const wall = hsl(random.int(20, 50), 30, random.int(78, 88))
  const windows = Array.from({ length: 5 }, (_, i) => {
    const x = 110 + i * 210
    return `<path d="M${x} 520 V 260 Q ${x + 70} ${random.int(170, 200)} ${x + 140} 260 V 520 Z" fill="${hsl(random.int(190, 215), 60, 75)}" stroke="#fff" stroke-width="10"/>`
  }).join('')
  const lights = Array.from({ length: 3 }, (_, i) => {
    const x = 300 + i * 300
    return `<line x1="${x}" y1="0" x2="${x}" y2="110" stroke="#555" stroke-width="4"/>
      <circle cx="${x}" cy="125" r="${random.int(20, 32)}" fill="${hsl(45, 95, 75)}"/>`
  }).join('')
  return `<rect width="${W}" height="${H}" fill="${wall}"/>
    ${windows}${lights}
    <rect x="0" y="560" width="${W}" height="${H - 560}" fill="${hsl(random.int(20, 35), 45, random.int(30, 42))}"/>
    <rect x="0" y="540" width="${W}" height="24" fill="#fff" opacity="0.6"/>`
}

const flowers: Scene = (random) => {
  const blooms = Array.from({ length: random.int(9, 14) }, () => {
    const x = random.int(80, W - 80)
    const y = random.int(120, H - 120)
    const r = random.int(40, 90)
    const hue = random.pick([340, 350, 10, 30, 45, 290, 320])
    const petals = Array.from({ length: 6 }, (_, i) => {
      const angle = (i / 6) * Math.PI * 2
      return `<ellipse cx="${(x + Math.cos(angle) * r * 0.6).toFixed(1)}" cy="${(y + Math.sin(angle) * r * 0.6).toFixed(1)}" rx="${r * 0.5}" ry="${r * 0.35}"
        transform="rotate(${((angle * 180) / Math.PI).toFixed(1)} ${(x + Math.cos(angle) * r * 0.6).toFixed(1)} ${(y + Math.sin(angle) * r * 0.6).toFixed(1)})"
        fill="${hsl(hue, 75, random.int(60, 78))}"/>`
    }).join('')
    return `${petals}<circle cx="${x}" cy="${y}" r="${r * 0.25}" fill="${hsl(45, 90, 55)}"/>`
  }).join('')
  return `<rect width="${W}" height="${H}" fill="${hsl(random.int(90, 140), 30, random.int(30, 42))}"/>${blooms}`
}

const hire: Scene = (random) => {
  const chairs = Array.from({ length: 6 }, (_, i) => {
    const x = 120 + i * 170
    return `<rect x="${x}" y="430" width="90" height="14" fill="${hsl(35, 50, 45)}"/>
      <rect x="${x}" y="330" width="12" height="200" fill="${hsl(35, 50, 40)}"/>
      <rect x="${x + 78}" y="444" width="12" height="86" fill="${hsl(35, 50, 40)}"/>`
  }).join('')
  return `${sky(random, 'sky')}
    <rect x="0" y="520" width="${W}" height="${H - 520}" fill="${hsl(random.int(90, 120), 45, 45)}"/>
    <polygon points="150,300 ${W / 2},${random.int(80, 130)} ${W - 150},300" fill="#fff" stroke="#ddd" stroke-width="6"/>
    <rect x="150" y="300" width="${W - 300}" height="30" fill="${hsl(random.int(0, 360), 50, 80)}"/>
    ${chairs}`
}

const planning: Scene = (random) => {
  const notes = Array.from({ length: 6 }, (_, i) => {
    const x = 140 + (i % 3) * 320 + random.int(-20, 20)
    const y = 150 + Math.floor(i / 3) * 280 + random.int(-20, 20)
    return `<rect x="${x}" y="${y}" width="240" height="200" rx="10" fill="${hsl(random.pick([50, 190, 330, 100]), 80, 80)}"
      transform="rotate(${random.int(-6, 6)} ${x + 120} ${y + 100})"/>
      <rect x="${x + 30}" y="${y + 50}" width="${random.int(110, 180)}" height="12" rx="6" fill="#000" opacity="0.2"/>
      <rect x="${x + 30}" y="${y + 90}" width="${random.int(90, 170)}" height="12" rx="6" fill="#000" opacity="0.2"/>`
  }).join('')
  return `<rect width="${W}" height="${H}" fill="${hsl(random.int(25, 40), 35, random.int(55, 65))}"/>${notes}`
}

const beauty: Scene = (random) => {
  const glow = hsl(random.int(320, 360), 60, random.int(85, 92))
  return `<rect width="${W}" height="${H}" fill="${hsl(random.int(330, 380), 35, random.int(70, 80))}"/>
    <ellipse cx="${W / 2}" cy="360" rx="260" ry="320" fill="${glow}" stroke="${hsl(45, 70, 60)}" stroke-width="18"/>
    ${Array.from({ length: 8 }, (_, i) => `<circle cx="${W / 2 + Math.cos(i * 0.785) * 300}" cy="${360 + Math.sin(i * 0.785) * 350}" r="18" fill="#fff" opacity="0.8"/>`).join('')}
    <rect x="0" y="660" width="${W}" height="140" fill="${hsl(random.int(20, 40), 30, 35)}"/>
    <rect x="${random.int(200, 400)}" y="590" width="40" height="80" rx="8" fill="${hsl(random.int(330, 360), 70, 45)}"/>
    <rect x="${random.int(700, 900)}" y="610" width="70" height="60" rx="12" fill="${hsl(random.int(0, 40), 40, 60)}"/>`
}

const transport: Scene = (random) => {
  const body = hsl(random.int(0, 360), random.int(20, 70), random.int(25, 80))
  return `${sky(random, 'sky')}${hills(random, 1)}
    <rect x="0" y="600" width="${W}" height="200" fill="#444"/>
    <rect x="0" y="690" width="${W}" height="10" fill="#eee" stroke-dasharray="60 40" />
    <path d="M260 600 Q 300 470 480 460 L 720 460 Q 880 470 940 600 Z" fill="${body}"/>
    <rect x="200" y="560" width="800" height="80" rx="30" fill="${body}"/>
    <path d="M400 560 L 470 485 H 700 L 790 560 Z" fill="${hsl(200, 50, 80)}"/>
    <circle cx="360" cy="645" r="55" fill="#111"/><circle cx="360" cy="645" r="22" fill="#999"/>
    <circle cx="840" cy="645" r="55" fill="#111"/><circle cx="840" cy="645" r="22" fill="#999"/>
    <path d="M560 440 q 20 -30 40 0" stroke="#fff" stroke-width="10" fill="none"/>`
}

/** Scenes per top-level category (`categories.ts`) and what the alt text calls the work. */
export const DEMO_SCENES: Record<string, { scene: Scene; subject: string }> = {
  Venues: { scene: venues, subject: 'Event venue' },
  Catering: { scene: catering, subject: 'Catering' },
  'Photography & Video': { scene: photography, subject: 'Wedding photography' },
  'Music & Entertainment': { scene: music, subject: 'Live entertainment' },
  'Flowers & Styling': { scene: flowers, subject: 'Flowers and styling' },
  'Hire & Equipment': { scene: hire, subject: 'Event hire' },
  'Planning & Coordination': { scene: planning, subject: 'Event planning' },
  'Beauty & Attire': { scene: beauty, subject: 'Hair and makeup' },
  Transport: { scene: transport, subject: 'Wedding transport' },
}
const FALLBACK_GROUP = 'Venues'

/** The SVG of one pool image: same group, index and seed, same picture. */
export const demoImageSvg = (group: string, index: number, seed = 20261201): string => {
  const { scene } = DEMO_SCENES[group] ?? DEMO_SCENES[FALLBACK_GROUP]!
  const groupHash = [...group].reduce((hash, char) => (hash * 31 + char.charCodeAt(0)) >>> 0, 7)
  const random = createRandom(seed + groupHash + index * 7919)
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${scene(random)}</svg>`
}

/** WebP as the Media collection writes it; a lower effort than sharp's default keeps the seed quick. */
const webp = (image: sharp.Sharp) => image.webp({ quality: QUALITY, effort: 2 }).toBuffer()

/** One pool image as WebP: the original and each size, as Payload's resizer would give them. */
export const renderDemoImage = async (group: string, index: number, seed?: number) => {
  // Rasterise the SVG once; the original and every size are encoded from the same pixels.
  const { data, info } = await sharp(Buffer.from(demoImageSvg(group, index, seed)))
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true })
  const pixels = () =>
    sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
  const original = await webp(pixels())
  const sizes = await Promise.all(
    DEMO_SIZES.map(async (size) => ({
      ...size,
      data:
        size.width === POOL_WIDTH && size.height === POOL_HEIGHT
          ? original
          : await webp(
              pixels().resize(size.width, size.height, { fit: 'cover', position: 'centre' }),
            ),
    })),
  )
  return { original, sizes }
}

type PoolImage = {
  file: string
  filesize: number
  sizes: { name: string; width: number; height: number; file: string; filesize: number }[]
}

/** Writes a file whole or not at all, so an interrupted seed leaves no half image to reuse. */
const writeWhole = async (file: string, data: Buffer) => {
  const partial = `${file}.${process.pid}.partial`
  await fs.writeFile(partial, data)
  await fs.rename(partial, file)
}

const sizeOf = async (file: string) => {
  try {
    return (await fs.stat(file)).size
  } catch {
    return null
  }
}

/**
 * Renders every group's pool into `dir`, all images at once. The files are named by a hash of
 * what draws them, so a later seed (more vendors, a reseed) reuses them instead of rendering again.
 */
const renderPool = async (dir: string): Promise<Map<string, PoolImage[]>> => {
  await fs.mkdir(dir, { recursive: true })
  const groups = Object.keys(DEMO_SCENES)
  const rendered = await Promise.all(
    groups.map((group) =>
      Promise.all(
        Array.from({ length: IMAGES_PER_GROUP }, async (_, index): Promise<PoolImage> => {
          const key = createHash('sha256')
            .update(JSON.stringify([demoImageSvg(group, index), QUALITY, DEMO_SIZES]))
            .digest('hex')
            .slice(0, 16)
          const file = path.join(dir, `pool-${key}.webp`)
          const sizeFile = (size: (typeof DEMO_SIZES)[number]) =>
            path.join(dir, `pool-${key}-${size.width}x${size.height}.webp`)
          const known = await Promise.all([file, ...DEMO_SIZES.map(sizeFile)].map(sizeOf))
          if (known.every((size) => size !== null)) {
            return {
              file,
              filesize: known[0]!,
              sizes: DEMO_SIZES.map((size, i) => ({
                ...size,
                file: sizeFile(size),
                filesize: known[i + 1]!,
              })),
            }
          }
          const { original, sizes } = await renderDemoImage(group, index)
          await writeWhole(file, original)
          const written = []
          for (const size of sizes) {
            await writeWhole(sizeFile(size), size.data)
            written.push({
              name: size.name,
              width: size.width,
              height: size.height,
              file: sizeFile(size),
              filesize: size.data.length,
            })
          }
          return { file, filesize: original.length, sizes: written }
        }),
      ),
    ),
  )
  return new Map(groups.map((group, i) => [group, rendered[i]!]))
}

/** A hard link (no copy of the bytes); a copy where the pool is on another file system. */
const placeFile = async (from: string, to: string) => {
  await fs.rm(to, { force: true })
  try {
    await fs.link(from, to)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error
    await fs.copyFile(from, to)
  }
}

type VendorRow = { id: number; business_name: string; owner_id: number | null; group: string }

/**
 * Gives every vendor without a portfolio {@link IMAGES_PER_VENDOR} images from their group's
 * pool (rotated so neighbours start on different pictures): media rows owned by the vendor's
 * owner (the portfolio's filterOptions), files in MEDIA_DIR under their own names, and the
 * `portfolio` relations in order. Bulk SQL, not `payload.create`: one render of the pool
 * instead of three resizes per image. Returns how many images were attached.
 */
export const seedDemoPortfolios = async (
  payload: Payload,
  pool: Pool,
  batchSize = 2000,
): Promise<number> => {
  const staticDir = payload.collections[slugs.media].config.upload.staticDir
  if (!staticDir) return 0
  const { rows: vendors } = await pool.query<VendorRow>(
    `SELECT v.id, v.business_name, v.owner_id, COALESCE(p.name, c.name) AS "group"
     FROM vendors v
     JOIN vendors_rels r ON r.parent_id = v.id AND r.path = 'categories' AND r."order" = 1
     JOIN categories c ON c.id = r.categories_id
     LEFT JOIN categories p ON p.id = c.parent_id
     WHERE v.owner_id IS NOT NULL AND NOT EXISTS (
       SELECT 1 FROM vendors_rels x WHERE x.parent_id = v.id AND x.path = 'portfolio')
     ORDER BY v.id`,
  )
  if (vendors.length === 0) return 0
  await fs.mkdir(staticDir, { recursive: true })
  const images = await renderPool(path.join(staticDir, '.demo-pool'))
  const seenInGroup = new Map<string, number>()
  let attached = 0

  for (let start = 0; start < vendors.length; start += batchSize) {
    const batch = vendors.slice(start, start + batchSize)
    const media: {
      vendorId: number
      order: number
      owner: number
      alt: string
      filename: string
      filesize: number
      sizes: { name: string; width: number; height: number; filename: string; filesize: number }[]
    }[] = []
    for (const vendor of batch) {
      const group = DEMO_SCENES[vendor.group] ? vendor.group : FALLBACK_GROUP
      const groupPool = images.get(group)!
      const seen = seenInGroup.get(group) ?? 0
      seenInGroup.set(group, seen + 1)
      for (let n = 1; n <= IMAGES_PER_VENDOR; n++) {
        const source = groupPool[(seen + n - 1) % groupPool.length]!
        const base = `demo-${vendor.id}-${n}`
        const filename = `${base}.webp`
        await placeFile(source.file, path.join(staticDir, filename))
        const sizes = []
        for (const size of source.sizes) {
          const sizeName = `${base}-${size.width}x${size.height}.webp`
          await placeFile(size.file, path.join(staticDir, sizeName))
          sizes.push({ ...size, filename: sizeName })
        }
        media.push({
          vendorId: vendor.id,
          order: n,
          owner: vendor.owner_id!,
          alt: `${DEMO_SCENES[group]!.subject} by ${vendor.business_name}`.slice(0, 200),
          filename,
          filesize: source.filesize,
          sizes,
        })
      }
    }
    const size = (name: string) => media.map((m) => m.sizes.find((s) => s.name === name)!)
    const url = (filename: string) => `/api/media/file/${encodeURIComponent(filename)}`
    await withTransaction(pool, async (client) => {
      const { rows } = await client.query<{ id: number; filename: string }>(
        `INSERT INTO media (alt, owner_id, url, thumbnail_u_r_l, filename, mime_type, filesize,
           width, height, focal_x, focal_y,
           sizes_thumbnail_url, sizes_thumbnail_width, sizes_thumbnail_height,
           sizes_thumbnail_mime_type, sizes_thumbnail_filesize, sizes_thumbnail_filename,
           sizes_card_url, sizes_card_width, sizes_card_height,
           sizes_card_mime_type, sizes_card_filesize, sizes_card_filename,
           sizes_hero_url, sizes_hero_width, sizes_hero_height,
           sizes_hero_mime_type, sizes_hero_filesize, sizes_hero_filename)
         SELECT alt, owner_id, '/api/media/file/' || filename, tu, filename, 'image/webp', filesize,
           $6::int, $7::int, 50, 50,
           tu, $8::int, $9::int, 'image/webp', tf, tn,
           cu, $10::int, $11::int, 'image/webp', cf, cn,
           hu, $12::int, $13::int, 'image/webp', hf, hn
         FROM unnest($1::text[], $2::int[], $3::text[], $4::int[],
           $5::text[], $14::int[], $15::text[], $16::text[], $17::int[], $18::text[],
           $19::text[], $20::int[], $21::text[])
           AS t(alt, owner_id, filename, filesize, tu, tf, tn, cu, cf, cn, hu, hf, hn)
         RETURNING id, filename`,
        [
          media.map((m) => m.alt),
          media.map((m) => m.owner),
          media.map((m) => m.filename),
          media.map((m) => m.filesize),
          size('thumbnail').map((s) => url(s.filename)),
          POOL_WIDTH,
          POOL_HEIGHT,
          DEMO_SIZES[0].width,
          DEMO_SIZES[0].height,
          DEMO_SIZES[1].width,
          DEMO_SIZES[1].height,
          DEMO_SIZES[2].width,
          DEMO_SIZES[2].height,
          size('thumbnail').map((s) => s.filesize),
          size('thumbnail').map((s) => s.filename),
          size('card').map((s) => url(s.filename)),
          size('card').map((s) => s.filesize),
          size('card').map((s) => s.filename),
          size('hero').map((s) => url(s.filename)),
          size('hero').map((s) => s.filesize),
          size('hero').map((s) => s.filename),
        ],
      )
      const idByFilename = new Map(rows.map((row) => [row.filename, row.id]))
      await client.query(
        `INSERT INTO vendors_rels (parent_id, "order", path, media_id)
         SELECT p, o, 'portfolio', m FROM unnest($1::int[], $2::int[], $3::int[]) AS t(p, o, m)`,
        [
          media.map((m) => m.vendorId),
          media.map((m) => m.order),
          media.map((m) => idByFilename.get(m.filename)!),
        ],
      )
    })
    attached += media.length
  }
  return attached
}
