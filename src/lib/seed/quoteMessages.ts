import { createRandom } from './generate'

const GREETINGS = ['Kia ora!', 'Hi there,', 'Kia ora koutou,', 'Hello and congratulations!']

const PITCHES = [
  (job: string) =>
    `Thanks for posting “${job}”. We would love to be part of it and have kept the date free while you decide.`,
  (job: string) =>
    `I read your brief for “${job}” and it sounds like exactly the kind of day we enjoy most.`,
  (job: string) =>
    `“${job}” caught my eye straight away: we have worked at several venues nearby and know the light there well.`,
  (job: string) =>
    `We have put together a quote for “${job}” below, and we are happy to adjust it to suit your plans.`,
]

const DETAILS = [
  'Full coverage from the preparations to the first dance, with a private online gallery within three weeks.',
  'Two of us on the day, so nothing is missed, and a sneak peek of twenty favourites the following week.',
  'Unhurried portraits at golden hour, and every edited photo delivered in high resolution to download and print.',
  'A relaxed, documentary style with a short planning call a month before, so we know who matters most.',
]

const CLOSINGS = [
  'Any questions, just flick us a message.',
  'Happy to jump on a call whenever suits you.',
  'Ngā mihi, and we hope to meet you soon.',
  'Have a look at our portfolio and let us know what you think.',
]

/**
 * A believable, deterministic quote message for a demo job: the same vendor index always writes
 * the same words, and different indices on the same job never repeat each other word for word.
 */
export const demoQuoteMessage = (jobTitle: string, index: number): string => {
  const random = createRandom(9_173 + index * 31)
  const part = <T>(items: readonly T[]) =>
    items[(index + random.int(0, items.length - 1)) % items.length]!
  const pitch = PITCHES[index % PITCHES.length]!
  return [part(GREETINGS), pitch(jobTitle), DETAILS[index % DETAILS.length], part(CLOSINGS)].join(
    ' ',
  )
}
