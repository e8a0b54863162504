import { createLocalReq, type Payload } from 'payload'

import { slugs } from '@/collections/slugs'
import { inTransaction } from '@/lib/kit/transaction'
import { moveJob } from '@/lib/marketplace/jobs'
import { applyToJob } from '@/lib/marketplace/quotes'
import { sendMessage, startThread } from '@/lib/messaging/service'
import { slugify } from '@/lib/slugify'
import type { Job, User } from '@/payload-types'

import { demoQuoteMessage } from './quoteMessages'

const DAY = 86_400_000
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString()

export type DemoJob = {
  organizer: string
  title: string
  description: string
  eventType: Job['eventType']
  days: number
  guests: number
  budget: [number, number]
  city: string
  categories: string[]
  urgent?: boolean
  draft?: boolean
}

const DEMO_JOBS: DemoJob[] = [
  {
    organizer: 'organizer@eventpros.test',
    title: 'Photographer for our vineyard wedding',
    description:
      'Relaxed, natural photos for 120 guests at a Hawke’s Bay vineyard: ceremony, portraits at golden hour and the first part of the reception.',
    eventType: 'wedding',
    days: 150,
    guests: 120,
    budget: [2500, 4500],
    city: 'Napier',
    categories: ['Wedding photographers'],
  },
  {
    organizer: 'aroha@eventpros.test',
    title: 'Catering for a 200-person end-of-year function',
    description:
      'Canapés and a substantial grazing table for our company’s end-of-year party in central Auckland. Vegetarian and gluten-free options needed.',
    eventType: 'corporate',
    days: 24,
    guests: 200,
    budget: [9000, 14000],
    city: 'Auckland',
    categories: ['Wedding catering', 'Mobile bars'],
    urgent: true,
  },
  {
    organizer: 'liam@eventpros.test',
    title: 'DJ for a 21st birthday',
    description:
      'Four hours of music for a 21st in a Christchurch hall, mostly 2010s and current hits, with a microphone for speeches.',
    eventType: 'birthday',
    days: 60,
    guests: 90,
    budget: [600, 1200],
    city: 'Christchurch',
    categories: ['DJs'],
  },
  {
    organizer: 'priya@eventpros.test',
    title: 'Audio visual for a two-day conference',
    description:
      'Two rooms with projectors, lapel microphones and a streaming setup for a professional conference in Wellington.',
    eventType: 'conference',
    days: 95,
    guests: 300,
    budget: [6000, 11000],
    city: 'Wellington',
    categories: ['Audio visual hire'],
  },
  {
    organizer: 'sione@eventpros.test',
    title: 'Florist for a 40th anniversary lunch',
    description:
      'Table arrangements for eight tables and a welcome piece for my parents’ ruby anniversary lunch in Queenstown.',
    eventType: 'anniversary',
    days: 45,
    guests: 64,
    budget: [800, 1500],
    city: 'Queenstown',
    categories: ['Florists'],
  },
  {
    organizer: 'organizer@eventpros.test',
    title: 'Celebrant for our wedding (draft)',
    description:
      'Still deciding on the date: a warm, bilingual celebrant for a short ceremony in Napier.',
    eventType: 'wedding',
    days: 150,
    guests: 120,
    budget: [500, 900],
    city: 'Napier',
    categories: ['Celebrants'],
    draft: true,
  },
]

export const asUser = async (payload: Payload, user: User) =>
  createLocalReq({ user: { ...user, collection: slugs.users } }, payload)

/** A demo job posted as its organizer would on the site, and published unless it is a draft. */
export const postDemoJob = async (
  payload: Payload,
  organizer: User,
  demo: Omit<DemoJob, 'organizer'>,
  categoryId: Map<string, number>,
): Promise<Job> => {
  const req = await asUser(payload, organizer)
  const job = await payload.create({
    collection: slugs.jobs,
    data: {
      title: demo.title,
      description: demo.description,
      eventType: demo.eventType,
      eventDate: inDays(demo.days),
      guestCount: demo.guests,
      budgetMin: demo.budget[0],
      budgetMax: demo.budget[1],
      location: { city: demo.city },
      categories: demo.categories.flatMap((name) => categoryId.get(slugify(name)) ?? []),
      applicationDeadline: inDays(Math.min(demo.days - 1, 21)),
      isUrgent: Boolean(demo.urgent),
    } as Job,
    user: organizer,
    overrideAccess: false,
    req,
  })
  if (!demo.draft) await inTransaction(req, () => moveJob(req, job.id, 'published'))
  return job
}

/**
 * A few demo jobs from the demo organizers, posted and published the way the site does it,
 * three quotes on the first so comparing quotes can be tried at once (as
 * organizer@eventpros.test), and a conversation with the demo vendor. Skipped when the
 * database already has jobs.
 */
export const seedDemoJobs = async (payload: Payload): Promise<number> => {
  if ((await payload.count({ collection: slugs.jobs })).totalDocs > 0) return 0
  const { docs: users } = await payload.find({
    collection: slugs.users,
    where: { email: { in: DEMO_JOBS.map((job) => job.organizer).concat('vendor@eventpros.test') } },
    pagination: false,
    depth: 0,
  })
  const byEmail = new Map(users.map((user) => [user.email, user]))
  const { docs: categories } = await payload.find({
    collection: slugs.categories,
    pagination: false,
    depth: 0,
  })
  const categoryId = new Map(categories.map((category) => [category.slug, category.id]))
  const created: Job[] = []
  for (const demo of DEMO_JOBS) {
    const organizer = byEmail.get(demo.organizer)
    if (organizer) created.push(await postDemoJob(payload, organizer, demo, categoryId))
  }
  const wedding = created[0]
  const demoVendor = byEmail.get('vendor@eventpros.test')
  if (wedding) await seedDemoQuotes(payload, wedding.id, wedding.title, demoVendor)
  const organizer = byEmail.get('organizer@eventpros.test')
  if (wedding && organizer && demoVendor) await seedDemoConversation(payload, organizer, demoVendor)
  return created.length
}

/** Quotes from the demo vendor and two photographers among the seeded vendors. */
const seedDemoQuotes = async (
  payload: Payload,
  jobId: number,
  title: string,
  demoVendor: User | undefined,
) => {
  const { docs: photographers } = await payload.find({
    collection: slugs.vendors,
    where: {
      and: [
        { status: { equals: 'active' } },
        { 'categories.slug': { equals: 'wedding-photographers' } },
      ],
    },
    limit: 2,
    depth: 0,
  })
  const owners = photographers
    .map((vendor) => vendor.owner)
    .filter((owner): owner is number => typeof owner === 'number')
  const { docs: quoters } = await payload.find({
    collection: slugs.users,
    where: { id: { in: owners } },
    depth: 0,
  })
  const prices = [
    [320_000, 45_000],
    [285_000, 0],
    [410_000, 60_000],
  ]
  for (const [index, vendorUser] of [demoVendor, ...quoters].entries()) {
    if (!vendorUser || vendorUser.role !== 'vendor') continue
    const req = await asUser(payload, vendorUser)
    const [coverage, album] = prices[index % prices.length]!
    await applyToJob(req, jobId, {
      message: demoQuoteMessage(title, index),
      lineItems: [
        { description: 'Wedding coverage, 8 hours', quantity: 1, unitPriceCents: coverage },
        ...(album
          ? [{ description: 'Printed album, 30 pages', quantity: 1, unitPriceCents: album }]
          : []),
      ],
    }).catch((error: unknown) => payload.logger.warn({ err: error, msg: 'Demo quote skipped' }))
  }
}

/** A short conversation between the demo organizer and the demo vendor, for the inbox. */
const seedDemoConversation = async (payload: Payload, organizer: User, vendorUser: User) => {
  const { docs } = await payload.find({
    collection: slugs.vendors,
    where: { owner: { equals: vendorUser.id } },
    limit: 1,
    depth: 0,
  })
  const vendor = docs[0]
  if (!vendor) return
  const asOrganizer = await asUser(payload, organizer)
  const { thread } = await startThread(asOrganizer, {
    vendor: vendor.id,
    body: 'Kia ora! Thanks for the quote. Could you bring a second shooter for the ceremony?',
  })
  const asVendor = await asUser(payload, vendorUser)
  await sendMessage(asVendor, thread.id, {
    body: 'Kia ora Olivia, yes, happily. I will update the quote with a second shooter for two hours.',
  })
}
