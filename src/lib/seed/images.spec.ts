import sharp from 'sharp'

import { SEED_CATEGORIES } from './categories'
import {
  DEMO_SCENES,
  DEMO_SIZES,
  demoImageSvg,
  POOL_HEIGHT,
  POOL_WIDTH,
  renderDemoImage,
} from './images'

describe('demo portfolio images', () => {
  it('draws a scene for every top-level category of the seed', () => {
    expect(Object.keys(DEMO_SCENES).sort()).toEqual(SEED_CATEGORIES.map((c) => c.name).sort())
  })

  it('gives the same bytes for the same group, index and seed', async () => {
    const first = await renderDemoImage('Catering', 1, 42)
    const again = await renderDemoImage('Catering', 1, 42)
    expect(again.original.equals(first.original)).toBe(true)
    for (const [i, size] of first.sizes.entries()) {
      expect(again.sizes[i]!.data.equals(size.data)).toBe(true)
    }
  })

  it('varies the picture with the index, the seed and the group', () => {
    const base = demoImageSvg('Flowers & Styling', 0, 42)
    expect(demoImageSvg('Flowers & Styling', 1, 42)).not.toBe(base)
    expect(demoImageSvg('Flowers & Styling', 0, 43)).not.toBe(base)
    expect(demoImageSvg('Venues', 0, 42)).not.toBe(demoImageSvg('Catering', 0, 42))
  })

  it('draws no text and fetches nothing', () => {
    for (const group of Object.keys(DEMO_SCENES)) {
      const svg = demoImageSvg(group, 2)
      expect(svg).not.toMatch(/<text|<image|href=|url\((?!#)/)
    }
  })

  it('renders 1200x800 WebP with the Media collection’s sizes', async () => {
    const { original, sizes } = await renderDemoImage('Music & Entertainment', 0)
    const meta = await sharp(original).metadata()
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', POOL_WIDTH, POOL_HEIGHT])
    expect(sizes.map((s) => s.name)).toEqual(DEMO_SIZES.map((s) => s.name))
    for (const size of sizes) {
      const sizeMeta = await sharp(size.data).metadata()
      expect([sizeMeta.format, sizeMeta.width, sizeMeta.height]).toEqual([
        'webp',
        size.width,
        size.height,
      ])
    }
  })
})
