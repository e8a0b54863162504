import { hasContactDetails } from '@/lib/messaging/rules'

export type ReviewFlag = 'link' | 'contact' | 'profanity'

// A web address: a scheme, "www.", or a name ending in a common top-level domain.
const LINK =
  /\b(?:https?:\/\/|www\.)\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|nz|io|co|info|biz|au|uk|shop|site|online)\b/i

/**
 * Words a public review may not carry without a human reading it first. Matched as whole
 * words, case-insensitively, with common letter swaps; "Scunthorpe" and "class" stay clean.
 */
const PROFANITY = [
  'fuck',
  'fucking',
  'fucked',
  'fucker',
  'shit',
  'shitty',
  'bullshit',
  'cunt',
  'bitch',
  'bastard',
  'asshole',
  'arsehole',
  'dickhead',
  'wanker',
  'twat',
  'slut',
  'whore',
  'retard',
  'motherfucker',
  'piss off',
  'prick',
]

const normalise = (text: string) =>
  text
    .toLowerCase()
    .replace(/[@4]/g, 'a')
    .replace(/3/g, 'e')
    .replace(/[1!]/g, 'i')
    .replace(/0/g, 'o')
    .replace(/\$/g, 's')
    .replace(/\*/g, 'u')

const PROFANE = new RegExp(`\\b(?:${PROFANITY.map((w) => w.replace(' ', '\\s+')).join('|')})\\b`)

/** What the automatic checks found in a review's text: each flag holds it back for a moderator. */
export const reviewFlags = (text: string): ReviewFlag[] => {
  const flags: ReviewFlag[] = []
  // An email address is contact details, not a link, though it ends like a domain.
  if (LINK.test(text.replace(/\S+@\S+/g, ' '))) flags.push('link')
  if (hasContactDetails(text)) flags.push('contact')
  if (PROFANE.test(normalise(text))) flags.push('profanity')
  return flags
}
