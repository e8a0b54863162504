import type { Endpoint } from 'payload'
import { z } from 'zod'

import { APPLICATION_STATUSES, type JobStatus } from '@/lib/constants'
import { guarded, jsonBody, routeId } from '@/lib/kit/endpoint'
import { apiJson } from '@/lib/kit/response'
import { inTransaction } from '@/lib/kit/transaction'
import { InvitationRequest, inviteVendors } from '@/lib/marketplace/invitations'
import { moveJob } from '@/lib/marketplace/jobs'
import { applyToJob, compareQuotes } from '@/lib/marketplace/quotes'
import { type Contract, documented, documentOf, envelope } from '@/plugins/openapi'

import { QuoteRequest } from '../Applications/endpoints'

/** `POST /api/jobs/:id/<action>`: the state machine, on behalf of the job's organizer or staff. */
const transitionEndpoint = (
  action: string,
  to: JobStatus,
  from: JobStatus | undefined,
  contract: Omit<Contract, 'caller' | 'response'>,
): Endpoint =>
  documented(
    { ...contract, caller: 'organizer', response: envelope(documentOf('jobs')) },
    {
      path: `/:id/${action}`,
      method: 'post',
      handler: guarded(async (req) => {
        const id = routeId(req, 'Job')
        const job = await inTransaction(req, () => moveJob(req, id, to, from))
        return apiJson(req, { success: true, data: job })
      }),
    },
  )

const InvitationOutcome = z.object({
  invited: z.array(z.object({ id: z.number().int(), vendor: z.number().int() })),
  skipped: z.array(
    z.object({
      vendor: z.number().int(),
      reason: z.enum(['ALREADY_INVITED', 'ALREADY_QUOTED']),
    }),
  ),
})

/** One quote as `compareQuotes` lays them side by side. */
const QuoteComparison = z.object({
  id: z.number().int(),
  status: z.enum(APPLICATION_STATUSES.map((status) => status.value)),
  message: z.string(),
  lineItems: z.array(
    z.object({
      description: z.string(),
      quantity: z.number(),
      unitPriceCents: z.number().int(),
      totalCents: z.number().int(),
    }),
  ),
  subtotalCents: z.number().int(),
  gstCents: z.number().int(),
  totalCents: z.number().int().describe('GST inclusive, in NZ cents.'),
  validUntil: z.string(),
  submittedAt: z.string(),
  vendor: z.object({
    id: z.number().int(),
    slug: z.string().nullable().optional(),
    businessName: z.string(),
    rating: z.object({ average: z.number(), count: z.number().int() }),
    verified: z.boolean(),
    tier: z.string(),
    responseRate: z.number().nullable().describe('A percentage, 0–100.'),
    medianResponseHours: z.number().nullable(),
    city: z.string(),
    distanceKm: z
      .number()
      .nullable()
      .describe("From the event to the vendor's base; null unless both are placed."),
  }),
})

export const jobEndpoints: Endpoint[] = [
  transitionEndpoint('publish', 'published', undefined, {
    summary: 'Publish a job',
    description:
      'A draft opens for quotes and matching vendors are alerted (a filled job is reopened, as by `reopen`). 409 `INVALID_TRANSITION` from a closed or published job, or when the event date or the quote deadline has passed. For the organizer who posted it, or staff.',
  }),
  transitionEndpoint('close', 'closed', undefined, {
    summary: 'Close a job',
    description:
      'A draft or open job stops for good; invitations still waiting are withdrawn. 409 `INVALID_TRANSITION` from any other state. For the organizer who posted it, or staff.',
  }),
  // A filled job whose booking was cancelled takes quotes again (moveJob says when it may).
  transitionEndpoint('reopen', 'published', 'filled', {
    summary: 'Reopen a booked job for quotes',
    description:
      'Only a filled job whose booking was cancelled, while its event is still ahead; quotes declined because another was accepted are back in the running, and a passed quote deadline is cleared. 409 `INVALID_TRANSITION` otherwise. For the organizer who posted it, or staff.',
  }),
  documented(
    {
      summary: 'Send a quote on a job',
      description:
        "A vendor with an active profile quotes once per job, while it is open and before its deadline. 409 `JOB_CLOSED`, `ALREADY_APPLIED`, `QUOTE_CAP_REACHED` (the job's quote cap, waived for an invited vendor), `NO_VENDOR_PROFILE` or `VENDOR_NOT_ACTIVE`; 403 `TIER_LIMIT_REACHED` past the plan's monthly quotes.",
      caller: 'vendor',
      body: QuoteRequest,
      response: envelope(documentOf('applications')),
      status: 201,
      example: {
        message: 'We would love to cater your event: a seasonal grazing menu for 80 guests.',
        lineItems: [{ description: 'Grazing table for 80', quantity: 1, unitPriceCents: 240000 }],
        validUntil: '2026-12-24',
      },
    },
    {
      path: '/:id/apply',
      method: 'post',
      handler: guarded(async (req) => {
        const quote = await applyToJob(req, routeId(req, 'Job'), await jsonBody(req))
        return apiJson(req, { success: true, data: quote }, { status: 201 })
      }),
    },
  ),
  documented(
    {
      summary: 'Invite vendors to quote',
      description:
        "The job's organizer asks vendors (by id) to quote on their published job; each is told by email and live. Vendors already invited or who have quoted are skipped and listed. 409 `JOB_CLOSED` when the job is not published, its deadline is under a day away or its event is not ahead; 404 `VENDOR_NOT_FOUND` for a vendor not on the site; 429 past the daily invitation allowance.",
      caller: 'organizer',
      body: InvitationRequest,
      response: envelope(InvitationOutcome),
      status: 201,
      example: { vendors: [12, 15], message: 'Could you quote for our wedding in March?' },
    },
    {
      path: '/:id/invitations',
      method: 'post',
      handler: guarded(async (req) => {
        const outcome = await inviteVendors(req, routeId(req, 'Job'), await jsonBody(req))
        return apiJson(req, { success: true, data: outcome }, { status: 201 })
      }),
    },
  ),
  documented(
    {
      summary: "Compare a job's quotes",
      description:
        "Every quote on the job, cheapest first, beside the vendor's rating, verified badge, distance from the event and response times. For the organizer who posted it, or staff.",
      caller: 'organizer',
      response: envelope(z.object({ job: documentOf('jobs'), quotes: z.array(QuoteComparison) })),
    },
    {
      path: '/:id/applications',
      method: 'get',
      handler: guarded(async (req) =>
        apiJson(req, { success: true, data: await compareQuotes(req, routeId(req, 'Job')) }),
      ),
    },
  ),
]
