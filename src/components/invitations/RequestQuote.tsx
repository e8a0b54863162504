'use client'

import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { useEffect, useId, useRef, useState } from 'react'

import { FormMessage } from '@/components/forms/FormMessage'
import { formatNzDate } from '@/components/jobs/format'
import { callApi } from '@/lib/kit/apiClient'
import { INVITATION_NOTE_MAX, INVITEES_PER_REQUEST } from '@/lib/marketplace/invitationLimits'
import type { RequestableJob } from '@/lib/marketplace/queries'

type Invitee = { id: number; name: string }

type Props = {
  /** Who is asked: one vendor from their page or card, or a saved list. */
  vendors: Invitee[]
  /** The organizer's jobs still taking quotes (`jobsOpenForRequests`). */
  jobs: RequestableJob[]
  /** "Start a new job" for these vendors: the post-a-job form, prefilled. */
  newJobHref: string
  /** Names the group on the button's label: "Request quotes from Wedding". */
  groupName?: string
  compact?: boolean
  variant?: 'primary' | 'secondary'
  /** Opens by itself when the page's address ends `?request=quote` (back from logging in). */
  openFromAddress?: boolean
}

type Outcome = {
  invited: { id: number; vendor: number }[]
  skipped: { vendor: number; reason: 'ALREADY_INVITED' | 'ALREADY_QUOTED' }[]
}

const names = (people: string[]) =>
  people.length <= 2
    ? people.join(' and ')
    : `${people.slice(0, -1).join(', ')} and ${people.at(-1)}`

/**
 * "Request a quote": the organizer picks one of their open jobs (or starts a new one prefilled
 * for these vendors), adds a note if they like, and each vendor is invited to quote on it.
 */
export function RequestQuote({
  vendors,
  jobs,
  newJobHref,
  groupName,
  compact = false,
  variant = 'primary',
  openFromAddress = false,
}: Props) {
  const router = useRouter()
  const dialog = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const noteId = useId()
  const hintId = useId()
  /** The first job someone chosen has not been asked about yet: the dialog's default. */
  const firstOpen = () =>
    jobs.find((job) => vendors.some((vendor) => !job.asked.includes(vendor.id)))?.id ?? null
  const [jobId, setJobId] = useState<number | null>(firstOpen)
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [sent, setSent] = useState<{ job: RequestableJob; text: string } | null>(null)
  const several = vendors.length > 1
  const who = several ? `${vendors.length} vendors` : vendors[0]!.name
  const nameOf = (id: number) => vendors.find((vendor) => vendor.id === id)?.name ?? 'A vendor'

  const open = () => {
    setError(null)
    setSent(null)
    // The page refreshed after the last request: its job may now be asked already.
    setJobId(firstOpen())
    dialog.current?.showModal()
  }

  useEffect(() => {
    if (!openFromAddress) return
    const address = new URL(window.location.href)
    if (address.searchParams.get('request') !== 'quote') return
    address.searchParams.delete('request')
    window.history.replaceState(null, '', address)
    dialog.current?.showModal()
  }, [openFromAddress])

  const send = async () => {
    const job = jobs.find((candidate) => candidate.id === jobId)
    if (!job) return setError('Choose the job you would like a quote for.')
    setBusy(true)
    setError(null)
    const all: Outcome = { invited: [], skipped: [] }
    for (let start = 0; start < vendors.length; start += INVITEES_PER_REQUEST) {
      const result = await callApi<Outcome>(`/api/jobs/${job.id}/invitations`, {
        body: {
          vendors: vendors.slice(start, start + INVITEES_PER_REQUEST).map((vendor) => vendor.id),
          ...(note.trim() ? { message: note.trim() } : {}),
        },
      })
      if (!result.ok) {
        setBusy(false)
        // Earlier batches went: say so, so nobody asks them twice.
        const already = all.invited.length
          ? ` (${names(all.invited.map((row) => nameOf(row.vendor)))} ${all.invited.length === 1 ? 'was' : 'were'} asked.)`
          : ''
        return setError(`${result.message}${already}`)
      }
      all.invited.push(...result.data.invited)
      all.skipped.push(...result.data.skipped)
    }
    setBusy(false)
    const invited = all.invited.map((row) => nameOf(row.vendor))
    const quoted = all.skipped.filter((row) => row.reason === 'ALREADY_QUOTED')
    const asked = all.skipped.filter((row) => row.reason === 'ALREADY_INVITED')
    const text = [
      invited.length ? `Sent to ${names(invited)}.` : 'Nobody new to ask.',
      asked.length
        ? `${names(asked.map((row) => nameOf(row.vendor)))} already had your request.`
        : '',
      quoted.length ? `${names(quoted.map((row) => nameOf(row.vendor)))} already quoted.` : '',
    ]
      .filter(Boolean)
      .join(' ')
    setSent({ job, text })
    setNote('')
    router.refresh()
  }

  return (
    <>
      <button
        type="button"
        className={`${variant === 'primary' ? 'btn' : 'btn-secondary'} ${compact ? 'min-h-11 px-3 text-sm' : ''}`}
        aria-label={
          compact
            ? several
              ? `Request quotes from ${groupName ?? who}`
              : `Request a quote from ${who}`
            : undefined
        }
        aria-haspopup="dialog"
        data-testid="request-quote"
        onClick={open}
      >
        {several ? 'Request quotes' : 'Request a quote'}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto w-[calc(100%-2rem)] max-w-md rounded-xl bg-white p-5 text-ink shadow-xl backdrop:bg-black/50"
      >
        <h2 id={titleId} className="text-lg font-semibold">
          {several ? `Request quotes from ${who}` : `Request a quote from ${who}`}
        </h2>
        {sent ? (
          <div role="status" className="mt-3 flex flex-col gap-3" data-testid="request-sent">
            <p>{sent.text}</p>
            <p className="text-sm text-gray-700">
              Vendors usually answer within a day. Their quotes and replies appear on{' '}
              <Link href={`/my-jobs/${sent.job.id}`}>“{sent.job.title}”</Link>.
            </p>
          </div>
        ) : jobs.length === 0 ? (
          <p className="mt-2 text-sm">
            You have no jobs taking quotes. Tell {several ? 'them' : who} about your event in a new
            job: it takes a couple of minutes, and we send the request when you publish it.
          </p>
        ) : (
          <form
            id={`${titleId}-form`}
            className="mt-3 flex flex-col gap-3"
            onSubmit={(event) => {
              event.preventDefault()
              void send()
            }}
          >
            <fieldset className="flex flex-col" aria-busy={busy}>
              <legend className="text-sm font-medium">Which event is it for?</legend>
              {jobs.map((job) => {
                const everyoneAsked = vendors.every((vendor) => job.asked.includes(vendor.id))
                return (
                  <label key={job.id} className="flex min-h-11 items-center gap-3 py-1">
                    <input
                      type="radio"
                      name="job"
                      className="size-5 shrink-0"
                      value={job.id}
                      checked={jobId === job.id}
                      disabled={everyoneAsked}
                      onChange={() => setJobId(job.id)}
                    />
                    <span className="flex flex-col">
                      <span>{job.title}</span>
                      <span className="text-xs text-gray-600">
                        {formatNzDate(job.eventDate)}
                        {everyoneAsked ? ' · already asked' : ''}
                      </span>
                    </span>
                  </label>
                )
              })}
            </fieldset>
            <div className="flex flex-col gap-1">
              <label htmlFor={noteId} className="text-sm font-medium">
                A note for {several ? 'them' : 'the vendor'} (optional)
              </label>
              <textarea
                id={noteId}
                aria-describedby={hintId}
                className="field min-h-20 py-2"
                maxLength={INVITATION_NOTE_MAX}
                value={note}
                onChange={(event) => setNote(event.target.value)}
                placeholder="We love your relaxed style — are you free that day?"
              />
              <p id={hintId} className="text-xs text-gray-600">
                Your name, email and phone stay private: vendors see the job and this note.
              </p>
            </div>
          </form>
        )}
        <div className="mt-3 empty:hidden">
          <FormMessage error={error} />
        </div>
        <div className="mt-5 flex flex-wrap items-center justify-end gap-3">
          {!sent && vendors.length > INVITEES_PER_REQUEST && (
            <p className="w-full text-xs text-gray-600">
              A new job asks the first {INVITEES_PER_REQUEST}; ask the rest from here once it is
              published.
            </p>
          )}
          {!sent && (
            <Link href={newJobHref} className={jobs.length ? 'text-sm' : 'btn'}>
              {jobs.length ? 'Or start a new job' : 'Start a new job'}
            </Link>
          )}
          <button
            type="button"
            className="btn-secondary min-h-11"
            onClick={() => dialog.current?.close()}
          >
            {sent ? 'Done' : 'Cancel'}
          </button>
          {!sent && jobs.length > 0 && (
            <button
              type="submit"
              form={`${titleId}-form`}
              className="btn min-h-11"
              disabled={busy || jobId === null}
            >
              {busy ? 'Sending…' : 'Send request'}
            </button>
          )}
        </div>
      </dialog>
    </>
  )
}
