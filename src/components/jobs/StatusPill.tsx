import { APPLICATION_STATUSES, BOOKING_STATUSES, JOB_STATUSES } from '@/lib/constants'

const TONE: Record<string, string> = {
  draft: 'bg-gray-100 text-gray-700',
  published: 'bg-green-100 text-green-800',
  closed: 'bg-gray-200 text-gray-700',
  filled: 'bg-brand-100 text-brand-800',
  submitted: 'bg-sky-100 text-sky-900',
  shortlisted: 'bg-amber-100 text-amber-900',
  accepted: 'bg-green-100 text-green-800',
  declined: 'bg-red-100 text-red-800',
  withdrawn: 'bg-gray-200 text-gray-700',
  confirmed: 'bg-green-100 text-green-800',
  completed: 'bg-brand-100 text-brand-800',
  cancelled: 'bg-red-100 text-red-800',
}

const LABELS = new Map<string, string>(
  [...JOB_STATUSES, ...APPLICATION_STATUSES, ...BOOKING_STATUSES].map(({ value, label }) => [
    value,
    label,
  ]),
)

/** A job's, quote's or booking's status in words, coloured by what it means for the reader. */
export function StatusPill({ status }: { status: string }) {
  return (
    <span
      className={`inline-block rounded-full px-2 py-0.5 text-xs font-semibold ${TONE[status] ?? TONE.draft}`}
      data-status={status}
    >
      {LABELS.get(status) ?? status}
    </span>
  )
}
