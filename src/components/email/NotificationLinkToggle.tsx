'use client'

import { useActionState } from 'react'

import { FormMessage } from '@/components/forms/FormMessage'
import { type LinkToggleState, toggleNotificationByLink } from '@/lib/email/actions'

type Props = {
  token: string
  /** What the kind is called, e.g. "Job alerts". */
  what: string
  /** The account's address, partly hidden. */
  email: string
  enabled: boolean
}

/** On the unsubscribe page: says whether the link's kind of email is on, and flips it. */
export function NotificationLinkToggle({ token, what, email, enabled: initial }: Props) {
  const [state, toggle, busy] = useActionState<LinkToggleState, FormData>(
    toggleNotificationByLink,
    { error: null, enabled: initial },
  )
  const enabled = state.enabled ?? initial
  const kind = what.toLowerCase()
  return (
    <form action={toggle} className="flex flex-col gap-3">
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="enabled" value={enabled ? 'false' : 'true'} />
      <FormMessage
        error={state.error}
        success={
          enabled
            ? `${what} are on for ${email}.`
            : `${what} are off for ${email}. We will not send you these emails any more.`
        }
      />
      <button
        type="submit"
        className={enabled ? 'btn self-start' : 'btn-secondary self-start'}
        disabled={busy}
      >
        {enabled ? `Turn ${kind} off` : `Turn ${kind} back on`}
      </button>
    </form>
  )
}
