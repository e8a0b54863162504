import type { Payload, PayloadRequest } from 'payload'

import { slugs } from '@/collections/slugs'
import { queueEmail } from '@/lib/kit/email'
import { idOf } from '@/lib/kit/ids'
import { formatDollars } from '@/lib/kit/money'
import type { Job, Vendor } from '@/payload-types'

import { nzDay } from './dates'

export const JOB_ALERTS_TASK = 'sendJobAlerts'

const DAY_MS = 86_400_000
/** Jobs older than this are not news any more. */
const ALERT_WINDOW_MS = 7 * DAY_MS
const REMINDER_LEAD_MS = DAY_MS

/**
 * Daily job alerts: each vendor whose categories and service area match newly published jobs
 * gets one email listing them — at most one a day, none when they turned alerts off.
 * Runs from the schedule and right after a job is published; both are safe to repeat.
 * System work throughout: it reads every open job and vendor to match them.
 */
export const sendJobAlerts = async (req: PayloadRequest): Promise<{ emails: number }> => {
  const { payload } = req
  const now = Date.now()
  const { docs: jobs } = await payload.find({
    collection: slugs.jobs,
    where: {
      and: [
        { status: { equals: 'published' } },
        { publishedAt: { greater_than: new Date(now - ALERT_WINDOW_MS).toISOString() } },
      ],
    },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const open = jobs.filter(
    (job) => !job.applicationDeadline || new Date(job.applicationDeadline).getTime() > now,
  )
  if (!open.length) return { emails: 0 }
  const categoryFamilies = await familiesOf(payload, req)
  const { docs: vendors } = await payload.find({
    collection: slugs.vendors,
    where: {
      and: [
        { status: { equals: 'active' } },
        {
          categories: {
            in: [...new Set(open.flatMap((job) => (job.categories ?? []).map(idOf)))].flatMap(
              (id) => categoryFamilies.get(id) ?? [id],
            ),
          },
        },
      ],
    },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  let emails = 0
  for (const vendor of vendors) {
    const ownerId = idOf(vendor.owner)
    if (!ownerId) continue
    const owner = await payload.findByID({
      collection: slugs.users,
      id: ownerId,
      depth: 0,
      overrideAccess: true,
      disableErrors: true,
      req,
    })
    if (!owner || owner.jobAlerts === false) continue
    const lastSent = owner.jobAlertsSentAt ? new Date(owner.jobAlertsSentAt).getTime() : 0
    if (now - lastSent < DAY_MS) continue
    const matches = open.filter(
      (job) =>
        new Date(job.publishedAt ?? 0).getTime() > lastSent &&
        matchesVendor(job, vendor, categoryFamilies),
    )
    if (!matches.length) continue
    const lines = matches
      .slice(0, 10)
      .map(
        (job) =>
          `“${job.title}” in ${job.location?.city ?? 'New Zealand'} on ${nzDay(job.eventDate)} (budget ${formatDollars(job.budgetMin)}–${formatDollars(job.budgetMax)})`,
      )
    // Marked sent before the email is queued, as bookkeeping straight to the database: through
    // payload.update the whole account is validated again, and one whose saved data no longer
    // passes (a seeded name with a digit did) failed the run after its email was queued, so each
    // retry emailed it again and the vendors after it got nothing.
    await payload.db.updateOne({
      collection: slugs.users,
      id: ownerId,
      data: { jobAlertsSentAt: new Date(now).toISOString() },
      req,
      returning: false,
    })
    await queueEmail(req, {
      userId: ownerId,
      subject:
        matches.length === 1
          ? `A new job for ${vendor.businessName}`
          : `${matches.length} new jobs for ${vendor.businessName}`,
      intro: `New jobs that match your categories and area: ${lines.join('; ')}.`,
      actionLabel: 'Open the job board',
      actionPath: '/jobs',
      outro: 'You get at most one of these a day. Turn them off on your account page.',
      kind: 'jobAlerts',
    })
    emails += 1
  }
  return { emails }
}

/** Each category id with its sub-categories: a job asking for "Photography & Video" matches a wedding photographer. */
const familiesOf = async (payload: Payload, req: PayloadRequest) => {
  const { docs } = await payload.find({
    collection: slugs.categories,
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const families = new Map<number, number[]>()
  for (const category of docs) families.set(category.id, [category.id])
  for (const category of docs) {
    if (category.parent) families.get(idOf(category.parent))?.push(category.id)
  }
  return families
}

const matchesVendor = (job: Job, vendor: Vendor, families: Map<number, number[]>) => {
  const wanted = new Set(
    (job.categories ?? []).flatMap((id) => families.get(idOf(id)) ?? [idOf(id)]),
  )
  const offers = (vendor.categories ?? []).some((id) => wanted.has(idOf(id)))
  const region = job.location?.region
  const serves =
    vendor.location?.region === region || (vendor.serviceRegions ?? []).includes(region)
  return offers && serves
}

/**
 * Tells an organizer, once, that quotes on their job close within a day, with the count so far.
 * System work: runs for every organizer on a schedule.
 */
export const sendDeadlineReminders = async (req: PayloadRequest): Promise<{ emails: number }> => {
  const { payload } = req
  const now = Date.now()
  const { docs } = await payload.find({
    collection: slugs.jobs,
    where: {
      and: [
        { status: { equals: 'published' } },
        { deadlineReminderSentAt: { exists: false } },
        { applicationDeadline: { greater_than: new Date(now).toISOString() } },
        {
          applicationDeadline: { less_than_equal: new Date(now + REMINDER_LEAD_MS).toISOString() },
        },
      ],
    },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  for (const job of docs) {
    const { totalDocs } = await payload.count({
      collection: slugs.applications,
      where: { job: { equals: job.id } },
      overrideAccess: true,
      req,
    })
    await queueEmail(req, {
      userId: idOf(job.organizer),
      subject: `Quotes for “${job.title}” close soon`,
      intro: `Quotes for “${job.title}” close within a day. You have ${totalDocs} ${totalDocs === 1 ? 'quote' : 'quotes'} so far.`,
      actionLabel: totalDocs ? 'Compare quotes' : 'See your job',
      actionPath: `/my-jobs/${job.id}`,
      kind: 'reminders',
    })
    await payload.update({
      collection: slugs.jobs,
      id: job.id,
      data: { deadlineReminderSentAt: new Date(now).toISOString() },
      overrideAccess: true,
      req,
    })
  }
  return { emails: docs.length }
}
