import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { slugs } from '@/collections/slugs'
import { transactionDb } from '@/lib/kit/transaction'
import { actOnQuote, applyToJob } from '@/lib/marketplace/quotes'
import { moderateReview } from '@/lib/trust/reviewModeration'
import { slugify } from '@/lib/slugify'
import { writeReview } from '@/lib/trust/reviews'
import type { User } from '@/payload-types'

import { asUser, postDemoJob } from './jobs'
import { demoQuoteMessage } from './quoteMessages'

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
 * A booking made the way the site makes them (job, quote, accept), then moved into the past as
 * time would have moved it, and completed: the event has happened, so its review is open.
 */
const pastBooking = async (
  payload: Payload,
  organizer: User,
  vendorUser: User,
  event: { title: string; eventType: PastEvent['eventType']; daysAgo: number; category?: string },
  categoryId: Map<string, number>,
): Promise<number> => {
  const category = event.category ?? 'Wedding photographers'
  const job = await postDemoJob(
    payload,
    organizer,
    {
      title: event.title,
      description: `${event.title}: we would like someone friendly and reliable who has done this before.`,
      eventType: event.eventType,
      days: 30,
      guests: 60,
      budget: [800, 2500],
      city: 'Napier',
      categories: [category],
    },
    categoryId,
  )
  const quote = await applyToJob(await asUser(payload, vendorUser), job.id, {
    message: demoQuoteMessage(event.title, job.id),
    lineItems: [{ description: `${category}, half a day`, quantity: 1, unitPriceCents: 120_000 }],
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
  // A booking whose event has passed is completed (the state machine's confirmed → completed).
  const { rows } = (await db.execute(sql`
    UPDATE bookings SET status = 'completed' WHERE job_id = ${job.id} AND status = 'confirmed'
    RETURNING id`)) as unknown as { rows: { id: number }[] }
  return rows[0]!.id
}

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
    const bookingId = await pastBooking(payload, organizer, vendorUser, event, categoryId)
    if (!event.review) continue
    const [overall, quality, communication, value, professionalism] = event.review.ratings
    const review = await writeReview(await asUser(payload, organizer), {
      booking: bookingId,
      ratings: { overall, quality, communication, value, professionalism },
      text: event.review.text,
    })
    if (event.review.publish)
      await moderateReview(await asUser(payload, moderator), review.id, { action: 'publish' })
    reviews += 1
  }
  return (
    reviews + (await seedFeaturedReviews(payload, [...byEmail.values()], moderator, categories))
  )
}

const FEATURED_REVIEWS: { ratings: [number, number, number, number, number]; text: string }[] = [
  {
    ratings: [5, 5, 5, 5, 4],
    text: 'Everything we hoped for and more. They answered every question quickly and turned up early on the day.',
  },
  {
    ratings: [4, 4, 4, 5, 4],
    text: 'Really good value. One small mix-up with the timings, sorted straight away without any fuss.',
  },
  {
    ratings: [5, 4, 5, 4, 5],
    text: 'Our guests are still talking about it. Warm, professional people who clearly love what they do.',
  },
  {
    ratings: [3, 4, 3, 4, 4],
    text: 'Good on the day, though replies were slow in the week before. The end result was lovely.',
  },
  {
    ratings: [5, 5, 4, 4, 5],
    text: 'Calm, organised and kind to our nana, who needed a bit of extra help. Would book again in a heartbeat.',
  },
]

/**
 * Published reviews for the vendors the home page features (Spotlight, best rated first), two or
 * three each from the demo organizers, so "Featured vendors" shows ratings rather than
 * "No reviews yet". Made through the same booking and moderation path as the demo vendor's.
 */
const seedFeaturedReviews = async (
  payload: Payload,
  people: User[],
  moderator: User,
  categories: { id: number; name: string; parent?: unknown }[],
): Promise<number> => {
  const organizers = people.filter(
    (user) => user.role === 'organizer' && user.email !== 'organizer@eventpros.test',
  )
  if (organizers.length === 0) return 0
  const { docs: featured } = await payload.find({
    collection: slugs.vendors,
    where: { and: [{ status: { equals: 'active' } }, { tier: { equals: 'spotlight' } }] },
    sort: 'id',
    limit: 6,
    depth: 0,
  })
  const owners = featured
    .map((vendor) => vendor.owner)
    .filter((o): o is number => typeof o === 'number')
  const { docs: ownerUsers } = await payload.find({
    collection: slugs.users,
    where: { id: { in: owners } },
    pagination: false,
    depth: 0,
  })
  const ownerById = new Map(ownerUsers.map((user) => [user.id, user as User]))
  const nameById = new Map(categories.map((category) => [category.id, category.name]))
  const categoryId = new Map(categories.map((category) => [slugify(category.name), category.id]))
  let written = 0
  for (const [index, vendor] of featured.entries()) {
    const vendorUser = typeof vendor.owner === 'number' ? ownerById.get(vendor.owner) : undefined
    const first = vendor.categories?.[0]
    const category = nameById.get(typeof first === 'number' ? first : (first?.id ?? -1))
    if (!vendorUser || !category) continue
    const count = 2 + (index % 2)
    for (let n = 0; n < count; n++) {
      const organizer = organizers[(index + n) % organizers.length]!
      const bookingId = await pastBooking(
        payload,
        organizer,
        vendorUser,
        {
          title: `${category} for a family celebration`,
          eventType: (['birthday', 'anniversary', 'corporate', 'wedding'] as const)[
            (index + n) % 4
          ]!,
          daysAgo: 14 + index * 9 + n * 23,
          category,
        },
        categoryId,
      )
      const [overall, quality, communication, value, professionalism] =
        FEATURED_REVIEWS[(index * 2 + n) % FEATURED_REVIEWS.length]!.ratings
      const review = await writeReview(await asUser(payload, organizer), {
        booking: bookingId,
        ratings: { overall, quality, communication, value, professionalism },
        text: FEATURED_REVIEWS[(index * 2 + n) % FEATURED_REVIEWS.length]!.text,
      })
      await moderateReview(await asUser(payload, moderator), review.id, { action: 'publish' })
      written += 1
    }
  }
  return written
}
