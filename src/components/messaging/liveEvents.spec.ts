import { describeChanges, LIVE_PAGE_EVENTS } from './liveEvents'
import { REALTIME_EVENTS } from './useRealtime'

describe('live pages', () => {
  it('refresh only on events the browser binds', () => {
    const listened = Object.values(LIVE_PAGE_EVENTS).flat()
    expect(listened.filter((name) => !REALTIME_EVENTS.includes(name))).toEqual([])
  })

  it('refresh a job’s comparison on every quote change and the booking, the inbox on messages', () => {
    expect(LIVE_PAGE_EVENTS.jobQuotes).toEqual(
      expect.arrayContaining(['application.created', 'quotes.changed', 'booking.created']),
    )
    expect(LIVE_PAGE_EVENTS.vendorQuotes).toContain('application.status')
    expect(LIVE_PAGE_EVENTS.inbox).toEqual(['message.created'])
  })

  it('say which quote is new and which changed, and nothing for what stayed the same', () => {
    const before = [
      { id: 1, name: 'Kōwhai Frames', status: 'submitted' },
      { id: 2, name: 'Tūī Sounds', status: 'submitted' },
    ]
    const after = [
      { id: 1, name: 'Kōwhai Frames', status: 'submitted' },
      { id: 3, name: 'Aroha Photography', status: 'submitted' },
      { id: 2, name: 'Tūī Sounds', status: 'withdrawn' },
    ]
    expect(describeChanges('jobQuotes', before, after)).toEqual([
      'New quote from Aroha Photography.',
      'The quote from Tūī Sounds is now withdrawn.',
    ])
    expect(describeChanges('jobQuotes', after, after)).toEqual([])
  })

  it('speak to the vendor about their own quote', () => {
    expect(
      describeChanges(
        'vendorQuotes',
        [{ id: 4, name: 'Garden wedding', status: 'submitted' }],
        [{ id: 4, name: 'Garden wedding', status: 'shortlisted' }],
      ),
    ).toEqual(['Your quote for “Garden wedding” was shortlisted.'])
  })
})
