'use client'

import { useActionState } from 'react'

import { FormMessage } from '@/components/forms/FormMessage'
import { type LinkToggleState, toggleNotificationByLink } from '@/lib/email/actions'

type Props = { token: string; what: string }

/** On the unsubscribe page: turn the kind just turned off back on, and off again if wanted. */
export function NotificationLinkToggle({ token, what }: Props) {
  const [state, toggle, busy] = useActionState<LinkToggleState, FormData>(
    toggleNotificationByLink,
    { error: null, enabled: false },
  )
  const enabled = state.enabled === true
  return (
    <form action={toggle} className="flex flex-col gap-3">
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="enabled" value={enabled ? 'false' : 'true'} />
      <FormMessage
        error={state.error}
        success={enabled ? `${what} are back on. You can turn them off again here.` : null}
      />
      <button
        type="submit"
        className={enabled ? 'btn-secondary self-start' : 'btn self-start'}
        disabled={busy}
      >
        {enabled ? `Turn ${what.toLowerCase()} off again` : `Turn ${what.toLowerCase()} back on`}
      </button>
    </form>
  )
}
