import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { slugs } from '@/collections/slugs'
import { transactionDb } from '@/lib/kit/transaction'
import { actOnQuote, applyToJob } from '@/lib/marketplace/quotes'
import { moderateReview } from '@/lib/trust/reviewModeration'
import { writeReview } from '@/lib/trust/reviews'
import type { User } from '@/payload-types'

import { asUser, postDemoJob } from './jobs'

type PastEvent = {
  organizer: string
  title: string
  eventType: 'wedding' | 'birthday' | 'corporate' | 'anniversary'
  daysAgo: number
  review?: { ratings: [number, number, number, number, number]; text: string; publish: boolean }
}

/** Events the demo vendor has already done: three reviewed and live, one waiting, one not yet reviewed. */
const PAST_EVENTS: PastEvent[] = [
  {
    organizer: 'aroha@eventpros.test',
    title: 'Photos for our 25th anniversary dinner',
    eventType: 'anniversary',
    daysAgo: 60,
    review: {
      ratings: [5, 5, 5, 4, 5],
      text: 'Wiremu made our whānau feel at ease from the first hello. The photos came back within two weeks and we have already printed half of them.',
      publish: true,
    },
  },
  {
    organizer: 'liam@eventpros.test',
    title: 'Photographer for a product launch',
    eventType: 'corporate',
    daysAgo: 40,
    review: {
      ratings: [4, 4, 5, 4, 5],
      text: 'Professional, on time and easy to brief. A couple of the speaker shots were soft, but the team photos were excellent.',
      publish: true,
    },
  },
  {
    organizer: 'priya@eventpros.test',
    title: 'Photos for a 40th birthday garden party',
    eventType: 'birthday',
    daysAgo: 25,
    review: {
      ratings: [5, 5, 4, 5, 5],
      text: 'Relaxed and fun with the kids, and somehow caught every candid moment. Great value for the afternoon.',
      publish: true,
    },
  },
  {
    organizer: 'sione@eventpros.test',
    title: 'Photographer for our engagement party',
    eventType: 'birthday',
    daysAgo: 5,
    review: {
      ratings: [5, 4, 4, 4, 5],
      text: 'Lovely photos of our engagement party. Our aunties could not stop talking about how friendly he was.',
      publish: false,
    },
  },
  // Olivia (organizer@eventpros.test) can write this one herself.
  {
    organizer: 'organizer@eventpros.test',
    title: 'Photos for our engagement drinks',
    eventType: 'birthday',
    daysAgo: 10,
  },
]

/**
 * Bookings of the demo vendor whose events have passed, made the way the site makes them (job,
 * quote, accept; then the event date moved into the past), with real reviews: published ones
 * give the demo vendor a rating, one waits in the moderation queue, and Olivia has one to write.
 */
export const seedDemoReviews = async (payload: Payload): Promise<number> => {
  // Seeding is system work: skipped once any review exists.
  if ((await payload.count({ collection: slugs.reviews, overrideAccess: true })).totalDocs > 0)
    return 0
  const { docs: users } = await payload.find({
    collection: slugs.users,
    where: {
      email: {
        in: PAST_EVENTS.map((e) => e.organizer).concat(
          'vendor@eventpros.test',
          'moderator@eventpros.test',
        ),
      },
    },
    pagination: false,
    depth: 0,
  })
  const byEmail = new Map(users.map((user) => [user.email, user as User]))
  const vendorUser = byEmail.get('vendor@eventpros.test')
  const moderator = byEmail.get('moderator@eventpros.test')
  if (!vendorUser || !moderator) return 0
  const { docs: categories } = await payload.find({
    collection: slugs.categories,
    pagination: false,
    depth: 0,
  })
  const categoryId = new Map(categories.map((category) => [category.slug, category.id]))
  let reviews = 0
  for (const event of PAST_EVENTS) {
    const organizer = byEmail.get(event.organizer)
    if (!organizer) continue
    const job = await postDemoJob(
      payload,
      organizer,
      {
        title: event.title,
        description: `${event.title}: relaxed, natural photos of the people who matter, and a gallery to share afterwards.`,
        eventType: event.eventType,
        days: 30,
        guests: 60,
        budget: [800, 2500],
        city: 'Napier',
        categories: ['Wedding photographers'],
      },
      categoryId,
    )
    const quote = await applyToJob(await asUser(payload, vendorUser), job.id, {
      message:
        'Kia ora! I would love to photograph this. Coverage, editing and an online gallery included.',
      lineItems: [
        { description: 'Event photography, 3 hours', quantity: 1, unitPriceCents: 120_000 },
      ],
    })
    const asOrganizer = await asUser(payload, organizer)
    await actOnQuote(asOrganizer, quote.id, 'accept')
    // The event has happened since: the dates move into the past, as time would have moved them.
    const db = await transactionDb(asOrganizer)
    await db.execute(sql`
      UPDATE bookings SET event_date = now() - make_interval(days => ${event.daysAgo}) WHERE job_id = ${job.id}`)
    await db.execute(sql`
      UPDATE jobs SET event_date = now() - make_interval(days => ${event.daysAgo}),
        application_deadline = now() - make_interval(days => ${event.daysAgo + 7}) WHERE id = ${job.id}`)
    if (!event.review) continue
    const { docs } = await payload.find({
      collection: slugs.bookings,
      where: { job: { equals: job.id } },
      depth: 0,
    })
    const [overall, quality, communication, value, professionalism] = event.review.ratings
    const review = await writeReview(await asUser(payload, organizer), {
      booking: docs[0]!.id,
      ratings: { overall, quality, communication, value, professionalism },
      text: event.review.text,
    })
    if (event.review.publish)
      await moderateReview(await asUser(payload, moderator), review.id, { action: 'publish' })
    reviews += 1
  }
  return reviews
}
