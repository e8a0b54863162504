import type { AdminViewServerProps, PayloadRequest, Where } from 'payload'

import { isStaffUser } from '@/access/roles'
import { DOCUMENT_TYPES, RATING_DIMENSIONS, REVIEW_FLAGS } from '@/lib/constants'
import { AdminViewFrame, card, muted } from '@/lib/kit/AdminViewFrame'
import { idOf } from '@/lib/kit/ids'
import { countQueuesForRender, QUEUES, type QueueName } from '@/lib/trust/moderation'
import type { Message, Review, User, Vendor, VerificationDocument } from '@/payload-types'

import { type ModerationAction, ModerationActions } from './ModerationActions'

const QUEUE_NAMES = Object.keys(QUEUES) as QueueName[]
const PAGE_SIZE = 25

const flagLabel = (value: string) => REVIEW_FLAGS.find((f) => f.value === value)?.label ?? value
const docLabel = (value: string) => DOCUMENT_TYPES.find((d) => d.value === value)?.label ?? value
const when = (value?: string | null) =>
  value
    ? new Date(value).toLocaleString('en-NZ', {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: 'Pacific/Auckland',
      })
    : '—'
const nameOf = (vendor: unknown) =>
  typeof vendor === 'object' && vendor
    ? (vendor as Vendor).businessName
    : `Vendor ${String(vendor)}`

const REVIEW_ACTIONS: Record<'pendingReviews' | 'reportedReviews', ModerationAction[]> = {
  pendingReviews: [
    { value: 'publish', label: 'Publish', tone: 'primary' },
    { value: 'reject', label: 'Reject', needsReason: true, tone: 'danger' },
  ],
  reportedReviews: [
    { value: 'dismiss-reports', label: 'Keep it (dismiss reports)', tone: 'primary' },
    { value: 'hide', label: 'Hide', needsReason: true, tone: 'danger' },
  ],
}

function ReviewItem({
  review,
  queue,
}: {
  review: Review
  queue: 'pendingReviews' | 'reportedReviews'
}) {
  const actions =
    queue === 'reportedReviews' && review.status === 'pending'
      ? [...REVIEW_ACTIONS.pendingReviews, { value: 'dismiss-reports', label: 'Dismiss reports' }]
      : REVIEW_ACTIONS[queue]
  return (
    <li style={card} data-testid={`review-${review.id}`}>
      <strong>
        {review.authorName} on {nameOf(review.vendor)} · {review.ratings?.overall}★
      </strong>
      <p style={muted}>
        {RATING_DIMENSIONS.filter((d) => d.value !== 'overall')
          .map((d) => `${d.label} ${review.ratings?.[d.value] ?? '—'}`)
          .join(' · ')}{' '}
        · written {when(review.createdAt)} · {review.status}
        {review.status === 'pending' &&
          ` · publishes itself ${when(review.autoPublishAt)} if nothing is flagged`}
      </p>
      {/* Plain text, escaped by React: never HTML. */}
      <p style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{review.text}</p>
      {review.flags && review.flags.length > 0 && (
        <p style={{ color: 'var(--theme-warning-500)', margin: 0 }}>
          Flagged: {review.flags.map(flagLabel).join(', ')}
        </p>
      )}
      {(review.reports ?? []).filter((r) => !r.resolved).length > 0 && (
        <ul style={{ margin: 0 }}>
          {(review.reports ?? [])
            .filter((r) => !r.resolved)
            .map((report) => (
              <li key={report.id ?? report.at}>
                Reported {when(report.at)}: “{report.reason}”
              </li>
            ))}
        </ul>
      )}
      <ModerationActions endpoint={`/api/reviews/${review.id}/moderate`} actions={actions} />
    </li>
  )
}

function MessageItem({ message }: { message: Message }) {
  const sender = typeof message.sender === 'object' ? (message.sender as User) : null
  return (
    <li style={card}>
      <strong>
        From{' '}
        {sender
          ? `${sender.firstName} ${sender.lastName} (${sender.role})`
          : `user ${idOf(message.sender)}`}{' '}
        · {when(message.createdAt)}
      </strong>
      <p style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{message.body}</p>
      <ModerationActions
        endpoint={`/api/messages/${message.id}/moderate`}
        actions={[
          { value: 'clear', label: 'Fine as it is', tone: 'primary' },
          { value: 'remove', label: 'Remove', needsReason: true, tone: 'danger' },
        ]}
      />
    </li>
  )
}

function DocumentItem({ doc }: { doc: VerificationDocument }) {
  return (
    <li style={card}>
      <strong>
        {docLabel(doc.type)} · {nameOf(doc.vendor)}
      </strong>
      <p style={muted}>
        {doc.nzbn && `NZBN ${doc.nzbn} (check digit valid) · `}
        {doc.expiresAt && `expires ${when(doc.expiresAt)} · `}
        {doc.description && `${doc.description} · `}uploaded {when(doc.createdAt)}
      </p>
      {doc.url && (
        <a href={doc.url} target="_blank" rel="noreferrer">
          Open {doc.filename} (your opening it is recorded in the audit log)
        </a>
      )}
      <ModerationActions
        endpoint={`/api/verification-documents/${doc.id}/decide`}
        actionKey="decision"
        reasonKey="notes"
        actions={[
          { value: 'approve', label: 'Approve', tone: 'primary' },
          { value: 'reject', label: 'Reject', needsReason: true, tone: 'danger' },
        ]}
      />
    </li>
  )
}

function VendorItem({ vendor }: { vendor: Vendor }) {
  return (
    <li style={card}>
      <strong>{vendor.businessName}</strong>
      <p style={muted}>
        {vendor.location?.city} · {vendor.status} · created {when(vendor.createdAt)}
      </p>
      {vendor.tagline && <p style={{ margin: 0 }}>{vendor.tagline}</p>}
      <p style={{ margin: 0 }}>
        <a href={`/vendors/${vendor.slug}`} target="_blank" rel="noreferrer">
          See the public page
        </a>{' '}
        · <a href={`/admin/collections/vendors/${vendor.id}`}>Open in the admin</a>
      </p>
      <ModerationActions
        endpoint={`/api/vendors/${vendor.id}/moderate`}
        actions={[
          { value: 'approve', label: 'Approve', tone: 'primary' },
          { value: 'reject', label: 'Reject and take down', needsReason: true, tone: 'danger' },
        ]}
      />
    </li>
  )
}

async function QueueItems({ req, queue }: { req: PayloadRequest; queue: QueueName }) {
  const { collection, where } = QUEUES[queue]
  const { docs, totalDocs } = await req.payload.find({
    collection,
    where: where as Where,
    sort: 'createdAt',
    limit: PAGE_SIZE,
    depth: 1,
    user: req.user,
    overrideAccess: false,
    req,
  })
  if (!docs.length) return <p>Nothing waiting here. Well done.</p>
  return (
    <>
      <p style={muted}>
        Oldest first{totalDocs > PAGE_SIZE ? `: the first ${PAGE_SIZE} of ${totalDocs}` : ''}.
      </p>
      <ul
        style={{ listStyle: 'none', padding: 0, display: 'flex', flexDirection: 'column', gap: 12 }}
      >
        {docs.map((doc) =>
          queue === 'pendingReviews' || queue === 'reportedReviews' ? (
            <ReviewItem key={doc.id} review={doc as Review} queue={queue} />
          ) : queue === 'flaggedMessages' ? (
            <MessageItem key={doc.id} message={doc as Message} />
          ) : queue === 'pendingDocuments' ? (
            <DocumentItem key={doc.id} doc={doc as VerificationDocument} />
          ) : (
            <VendorItem key={doc.id} vendor={doc as Vendor} />
          ),
        )}
      </ul>
    </>
  )
}

/**
 * `/admin/moderation`: the moderators' queues with their counts, oldest item first, each with
 * one-click approve and a reject that asks for the reason to email.
 */
export async function ModerationView({
  initPageResult,
  params,
  searchParams,
}: AdminViewServerProps) {
  const { req } = initPageResult
  const requested = String(searchParams?.queue ?? '')
  const queue: QueueName = QUEUE_NAMES.includes(requested as QueueName)
    ? (requested as QueueName)
    : 'pendingReviews'
  const allowed = isStaffUser(req.user)
  const counts = allowed ? await countQueuesForRender(req.payload, req.user as User) : null
  return (
    <AdminViewFrame
      initPageResult={initPageResult}
      params={params}
      searchParams={searchParams}
      title="Moderation"
    >
      {!counts ? (
        <p>Moderation is for moderators and admins.</p>
      ) : (
        <>
          <nav
            aria-label="Queues"
            style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 24 }}
          >
            {QUEUE_NAMES.map((name) => (
              <a
                key={name}
                href={`/admin/moderation?queue=${name}`}
                aria-current={name === queue ? 'page' : undefined}
                style={{
                  padding: '8px 12px',
                  borderRadius: 4,
                  textDecoration: 'none',
                  border: '1px solid var(--theme-elevation-150)',
                  background: name === queue ? 'var(--theme-elevation-100)' : 'transparent',
                  fontWeight: name === queue ? 600 : 400,
                }}
              >
                {counts[name].label}{' '}
                <span data-testid={`count-${name}`}>({counts[name].count})</span>
              </a>
            ))}
          </nav>
          <h2 style={{ fontSize: 20, marginBottom: 8 }}>{counts[queue].label}</h2>
          <QueueItems req={req} queue={queue} />
        </>
      )}
    </AdminViewFrame>
  )
}
