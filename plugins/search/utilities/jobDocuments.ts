import type { Payload, Where } from 'payload'

import { EVENT_TYPES, regionLabel } from '@/lib/constants'
import { nzDay } from '@/lib/marketplace/dates'
import type { Job } from '@/payload-types'

import type { JobSearchDocument } from '../engines/jobs/types'
import { getJobSearchEngine } from './runtime'
import { idOf } from '@/lib/idOf'

const DESCRIPTION_CHARS = 1500

export const toJobDocument = (
  job: Job,
  categories: Map<number, { slug: string; name: string; parent: number | null }>,
): JobSearchDocument => {
  const own = (job.categories ?? []).map(idOf).flatMap((id) => {
    const category = categories.get(id)
    return category ? [category] : []
  })
  const slugs = new Set(own.map((category) => category.slug))
  for (const category of own) {
    const parent = category.parent ? categories.get(category.parent) : undefined
    if (parent) slugs.add(parent.slug)
  }
  return {
    id: job.id,
    title: job.title,
    description: job.description.slice(0, DESCRIPTION_CHARS),
    eventType: job.eventType,
    eventTypeLabel:
      EVENT_TYPES.find((type) => type.value === job.eventType)?.label ?? job.eventType,
    eventDate: nzDay(job.eventDate),
    guestCount: job.guestCount,
    budgetMin: job.budgetMin,
    budgetMax: job.budgetMax,
    city: job.location?.city ?? '',
    region: job.location?.region ?? '',
    regionLabel: regionLabel(job.location?.region),
    lat: job.location?.lat ?? null,
    lng: job.location?.lng ?? null,
    categories: own.map(({ slug, name }) => ({ slug, name })),
    categorySlugs: [...slugs],
    isUrgent: Boolean(job.isUrgent),
    publishedAt: job.publishedAt ?? job.updatedAt,
    applicationDeadline: job.applicationDeadline ?? null,
  }
}

/**
 * Brings the job board's index in line with the database: published jobs are written as they
 * are now, every other listed id (draft, closed, filled, deleted) is removed. Without ids, the
 * whole index is rebuilt. System work: the index holds every open job, whoever posted it.
 */
export const syncJobs = async (payload: Payload, jobIds?: number[]): Promise<number> => {
  const engine = getJobSearchEngine(payload)
  const published: Where = { status: { equals: 'published' } }
  const [{ docs: jobs }, { docs: categoryDocs }] = await Promise.all([
    payload.find({
      collection: 'jobs',
      where: jobIds ? { and: [published, { id: { in: jobIds } }] } : published,
      pagination: false,
      depth: 0,
      overrideAccess: true,
    }),
    payload.find({ collection: 'categories', pagination: false, depth: 0, overrideAccess: true }),
  ])
  const categories = new Map(
    categoryDocs.map((c) => [
      c.id,
      { slug: c.slug, name: c.name, parent: c.parent ? idOf(c.parent) : null },
    ]),
  )
  await engine.upsert(jobs.map((job) => toJobDocument(job, categories)))
  const kept = new Set(jobs.map((job) => job.id))
  const candidates = jobIds ?? (await engine.ids())
  await engine.delete(candidates.filter((id) => !kept.has(id)))
  return jobs.length
}
