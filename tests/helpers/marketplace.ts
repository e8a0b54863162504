import { inDays } from './dates'
import type { RestClient } from './rest'

/**
 * An organizer's wedding job, created and published through REST as the site does it; its id.
 * The dates are days from now.
 */
export const publishWeddingJob = async (
  rest: RestClient,
  token: string,
  {
    categoryId,
    title = 'Photographer for our garden wedding',
    eventInDays = 120,
    deadlineInDays = 60,
  }: { categoryId: number; title?: string; eventInDays?: number; deadlineInDays?: number },
) => {
  const created = await rest.post('/api/jobs', {
    token,
    body: {
      title,
      description: 'Looking for a relaxed photographer for a 120-guest garden wedding in Napier.',
      eventType: 'wedding',
      eventDate: inDays(eventInDays),
      guestCount: 120,
      budgetMin: 2000,
      budgetMax: 4500,
      location: { city: 'Napier', address: '12 Marine Parade' },
      categories: [categoryId],
      applicationDeadline: inDays(deadlineInDays),
    },
  })
  if (created.status !== 201) throw new Error(JSON.stringify(created.body))
  const published = await rest.post(`/api/jobs/${created.body.doc.id}/publish`, { token })
  if (published.status !== 200) throw new Error(JSON.stringify(published.body))
  return created.body.doc.id as number
}

/** A vendor's quote on a job through `/apply`; its id. */
export const sendQuote = async (rest: RestClient, token: string, jobId: number) => {
  const res = await rest.post(`/api/jobs/${jobId}/apply`, {
    token,
    body: {
      message: 'We would love to photograph your day: relaxed, natural and on time.',
      lineItems: [{ description: 'Photography, 8 hours', quantity: 8, unitPriceCents: 25_000 }],
    },
  })
  if (res.status !== 201) throw new Error(JSON.stringify(res.body))
  return res.body.data.id as number
}
