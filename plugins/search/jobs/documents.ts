import type { CollectionSlug, Payload, Where } from 'payload'

import { idOf } from '@/lib/kit/ids'
import type { Category, Job } from '@/payload-types'

import { getJobSearchEngine, searchConfig } from '../runtime'
import { labelOf } from '../shared/options'
import type { SanitizedSearchPluginConfig } from '../types'
import type { JobSearchDocument } from './types'

const DESCRIPTION_CHARS = 1500

/** `YYYY-MM-DD` of an instant in the time zone the plugin was given. */
const dayIn = (timeZone: string) => {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
  return (value: string) => format.format(new Date(value))
}

export const toJobDocument = (
  job: Job,
  categories: Map<number, { slug: string; name: string; parent: number | null }>,
  { eventTypes, regions }: SanitizedSearchPluginConfig,
  day: (value: string) => string,
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
    eventTypeLabel: labelOf(eventTypes, job.eventType) || job.eventType,
    eventDate: day(job.eventDate),
    guestCount: job.guestCount,
    budgetMin: job.budgetMin,
    budgetMax: job.budgetMax,
    city: job.location?.city ?? '',
    region: job.location?.region ?? '',
    regionLabel: labelOf(regions, job.location?.region),
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
  const config = searchConfig(payload)
  const published: Where = { status: { equals: 'published' } }
  const [{ docs: jobs }, { docs: categoryDocs }] = await Promise.all([
    payload.find({
      collection: config.slugs.jobs as CollectionSlug,
      where: jobIds ? { and: [published, { id: { in: jobIds } }] } : published,
      pagination: false,
      depth: 0,
      overrideAccess: true,
    }),
    payload.find({
      collection: config.slugs.categories as CollectionSlug,
      pagination: false,
      depth: 0,
      overrideAccess: true,
    }),
  ])
  const categories = new Map(
    (categoryDocs as Category[]).map((c) => [
      c.id,
      { slug: c.slug, name: c.name, parent: c.parent ? idOf(c.parent) : null },
    ]),
  )
  const day = dayIn(config.timeZone)
  await engine.upsert((jobs as Job[]).map((job) => toJobDocument(job, categories, config, day)))
  const kept = new Set(jobs.map((job) => Number(job.id)))
  const candidates = jobIds ?? (await engine.ids())
  await engine.delete(candidates.filter((id) => !kept.has(id)))
  return jobs.length
}
