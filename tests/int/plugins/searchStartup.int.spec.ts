import { createLocalReq, type Payload } from 'payload'

import { searchJobs } from '../../../plugins/search'
import { inDays } from '../../helpers/dates'
import { startPayload, type TestContext } from '../../helpers/payload'
import { jobBoardAtStart } from './search/startupRecord'

let ctx: TestContext
let payload: Payload

beforeAll(async () => {
  ctx = await startPayload('search-startup', () => import('./search/vendorIndexDown'))
  payload = ctx.payload
})

afterAll(async () => {
  await ctx?.stop()
})

describe('the search plugin starting while the vendor index cannot be prepared', () => {
  it('still sets up the job board, so jobs are found', async () => {
    expect(jobBoardAtStart.prepared).toBe(true)
    const job = (await payload.create({
      collection: 'jobs',
      data: {
        title: 'Brass band for a garden party',
        eventType: 'party',
        eventDate: inDays(60),
        location: { city: 'Harbourton', region: 'north' },
        status: 'published',
        publishedAt: new Date().toISOString(),
      },
    } as Parameters<Payload['create']>[0])) as { id: number }
    await payload.jobs.run({ queue: 'search', limit: 100 })
    const board = await searchJobs(await createLocalReq({}, payload), { q: 'brass' })
    expect(board.data.jobs.map((found) => found.id)).toEqual([job.id])
  })
})
