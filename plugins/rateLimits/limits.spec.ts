import fs from 'node:fs'
import path from 'node:path'

import { limitsTable, RATE_LIMITS } from './limits'

/** A Markdown table's cells without the padding Prettier aligns its columns with. */
const cells = (markdown: string): string =>
  markdown
    .split('\n')
    .map((line) => line.replace(/ *\| */g, '|').replace(/\|-+(?=\|)/g, '|-'))
    .join('\n')

describe('the rate-limit table', () => {
  it('is the one the README prints', () => {
    const readme = fs.readFileSync(path.resolve('README.md'), 'utf8')
    expect(cells(readme)).toContain(cells(limitsTable()))
  })

  it('has the allowances the architecture notes ask for', () => {
    expect(RATE_LIMITS.login).toMatchObject({ points: 5, durationSeconds: 900 })
    expect(RATE_LIMITS.registration).toMatchObject({ points: 3, durationSeconds: 3600 })
    expect(RATE_LIMITS.forgotPassword).toMatchObject({ points: 3, durationSeconds: 3600 })
    expect(RATE_LIMITS.searchAnonymous).toMatchObject({ points: 100, durationSeconds: 3600 })
    expect(RATE_LIMITS.messages).toMatchObject({ points: 200, durationSeconds: 3600 })
    expect(RATE_LIMITS.reviews).toMatchObject({ points: 10, durationSeconds: 3600 })
    expect(RATE_LIMITS.requests).toMatchObject({ points: 1000, durationSeconds: 3600 })
  })
})
