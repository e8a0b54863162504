import { nzDay, nzMidnight, nzMonthStart } from './dates'

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

describe('nzMidnight', () => {
  it('is the start of the day on the days the clocks change, not an hour either side', () => {
    // Summer time starts at 2 am on 27 September 2026: that midnight is still UTC+12.
    expect(nzMidnight('2026-09-27').toISOString()).toBe('2026-09-26T12:00:00.000Z')
    // Summer time ends at 3 am on 5 April 2026: that midnight is still UTC+13.
    expect(nzMidnight('2026-04-05').toISOString()).toBe('2026-04-04T11:00:00.000Z')
  })

  it('is the first instant of the day it names, and one millisecond before is the day before', () => {
    for (const day of ['2026-01-01', '2026-06-15', '2026-12-31']) {
      const midnight = nzMidnight(day)
      expect(nzDay(midnight)).toBe(day)
      expect(nzDay(new Date(midnight.getTime() - 1))).not.toBe(day)
    }
  })
})
