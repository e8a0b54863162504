import { nzMonthStart } from './dates'

describe('nzMonthStart', () => {
  it('is midnight on the 1st in New Zealand summer time (UTC+13)', () => {
    expect(nzMonthStart(new Date('2026-11-25T03:00:00Z')).toISOString()).toBe(
      '2026-10-31T11:00:00.000Z',
    )
  })

  it('is midnight on the 1st in New Zealand winter time (UTC+12)', () => {
    expect(nzMonthStart(new Date('2026-07-15T00:00:00Z')).toISOString()).toBe(
      '2026-06-30T12:00:00.000Z',
    )
  })

  it('counts an instant that is already the 1st in New Zealand as the new month', () => {
    // 1 December 00:30 in Auckland is still 30 November in UTC.
    expect(nzMonthStart(new Date('2026-11-30T11:30:00Z')).toISOString()).toBe(
      '2026-11-30T11:00:00.000Z',
    )
  })
})
