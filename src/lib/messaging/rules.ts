export const MAX_MESSAGE_LENGTH = 5000
export const MAX_ATTACHMENTS = 5
/** A sender may fix or take back a message this long after sending it. */
export const EDIT_WINDOW_MS = 15 * 60 * 1000
/** An unread message is emailed after this long, at most once an hour per thread. */
export const UNREAD_EMAIL_AFTER_MS = 15 * 60 * 1000
export const UNREAD_EMAIL_EVERY_MS = 60 * 60 * 1000

export const CONTACT_MASK = '[contact details hidden until you book]'
export const MASK_NOTICE =
  'Contact details are hidden until you book through Event Pros, which keeps your booking protected.'

// An email address, or a phone number: 7+ digits, optionally with +, spaces, dots, dashes and brackets.
const EMAIL =
  /[A-Za-z0-9._%+-]+\s*(?:@|\(at\)|\[at\])\s*[A-Za-z0-9.-]+\s*(?:\.|\(dot\)|\[dot\])\s*[A-Za-z]{2,}/gi
const PHONE = /(?:[+(])?\d[\d\s().-]{5,}\d/g

const isPhone = (candidate: string) => candidate.replace(/\D/g, '').length >= 7

/** Whether a message gives away a phone number or an email address. */
export const hasContactDetails = (text: string): boolean =>
  new RegExp(EMAIL.source, 'i').test(text) || (text.match(PHONE) ?? []).some(isPhone)

/** The message with phone numbers and email addresses replaced by a short notice. */
export const maskContactDetails = (text: string): string =>
  text
    .replace(EMAIL, CONTACT_MASK)
    .replace(PHONE, (match) => (isPhone(match) ? CONTACT_MASK : match))
