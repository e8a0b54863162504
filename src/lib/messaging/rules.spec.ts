import { CONTACT_MASK, hasContactDetails, maskContactDetails } from './rules'

describe('contact details in messages', () => {
  it.each([
    ['Call me on 021 123 4567', 'Call me on ' + CONTACT_MASK],
    ['ring +64 21-123-4567 after 5', 'ring ' + CONTACT_MASK + ' after 5'],
    ['(09) 555 0123 is the office', CONTACT_MASK + ' is the office'],
    ['mail hana.walker@example.co.nz please', 'mail ' + CONTACT_MASK + ' please'],
    ['hana at gmail dot com', 'hana at gmail dot com'],
    ['hana (at) gmail (dot) com', CONTACT_MASK],
  ])('masks %j', (text, masked) => {
    expect(maskContactDetails(text)).toBe(masked)
  })

  it.each([
    'We can do 120 guests on 14 March 2027',
    'The quote is $4,500 incl. GST',
    'Setup from 10:30 to 12:00',
  ])('leaves %j alone', (text) => {
    expect(hasContactDetails(text)).toBe(false)
    expect(maskContactDetails(text)).toBe(text)
  })

  it('flags a message with either kind', () => {
    expect(hasContactDetails('text me 0211234567')).toBe(true)
    expect(hasContactDetails('me@example.com')).toBe(true)
  })
})
