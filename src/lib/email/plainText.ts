import { convert } from 'html-to-text'
import type { EmailAdapter, SendEmailOptions } from 'payload'

/** Wrapped at 78 characters as mail wants; a link keeps its whole URL, in brackets after its words. */
const toText = (html: string): string =>
  convert(html, {
    wordwrap: 78,
    selectors: [
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
      { selector: 'img', format: 'skip' },
    ],
  })

/** The message with a plain-text part beside its HTML, unless it already has one. */
export const withPlainTextPart = (message: SendEmailOptions): SendEmailOptions =>
  typeof message.html === 'string' && message.text == null
    ? { ...message, text: toText(message.html) }
    : message

/**
 * Every email the app sends passes through here, Payload's own (verification, password reset)
 * included: it leaves multipart, with a plain-text part for mail clients and readers that do
 * not show HTML.
 */
export const withPlainText =
  (adapter: EmailAdapter): EmailAdapter =>
  (args) => {
    const inner = adapter(args)
    return { ...inner, sendEmail: (message) => inner.sendEmail(withPlainTextPart(message)) }
  }
