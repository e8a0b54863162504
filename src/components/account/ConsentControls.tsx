'use client'

import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { FormMessage } from '@/components/forms/FormMessage'
import { callApi } from '@/lib/kit/apiClient'

type Message = { error?: string; success?: string }

/** Saves one change to the person's own account, then shows the page as the server has it. */
const useSave = (id: number) => {
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<Message>({})
  const save = async (body: Record<string, boolean>, success: string) => {
    setBusy(true)
    setMessage({})
    const result = await callApi(`/api/users/${id}`, { method: 'PATCH', body })
    setBusy(false)
    if (!result.ok) {
      setMessage({ error: result.message })
      return false
    }
    setMessage({ success })
    router.refresh()
    return true
  }
  return { busy, message, save }
}

/** Accepts the policy's version in force; the server records which version and when. */
export function AcceptPolicyButton({
  id,
  field,
  title,
}: {
  id: number
  field: 'acceptTerms' | 'acceptPrivacy'
  title: string
}) {
  const { busy, message, save } = useSave(id)
  return (
    <div className="flex flex-col gap-2">
      <button
        type="button"
        className="btn self-start"
        disabled={busy}
        onClick={() => void save({ [field]: true }, `Thank you: you have accepted the ${title}.`)}
      >
        {busy ? 'Saving…' : `Accept the ${title}`}
      </button>
      <FormMessage error={message.error} success={message.success} />
    </div>
  )
}

/** The marketing opt-in, saved as soon as the box changes. */
export function MarketingToggle({ id, enabled }: { id: number; enabled: boolean }) {
  const [checked, setChecked] = useState(enabled)
  const { busy, message, save } = useSave(id)
  const change = async (next: boolean) => {
    const saved = await save(
      { marketingEmails: next },
      next
        ? 'Marketing email is on. You can turn it off here at any time.'
        : 'Marketing email is off. We will still email you about your account, jobs and messages.',
    )
    if (saved) setChecked(next)
  }
  return (
    <div className="flex flex-col gap-2">
      <label className="flex min-h-11 items-center gap-3">
        <input
          type="checkbox"
          className="size-5"
          checked={checked}
          disabled={busy}
          onChange={(event) => void change(event.target.checked)}
        />
        Send me news and offers from Event Pros NZ (marketing email)
      </label>
      <FormMessage error={message.error} success={message.success} />
    </div>
  )
}
