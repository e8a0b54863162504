'use client'

import { useRouter } from 'next/navigation'
import { useId, useRef, useState } from 'react'

import { callApi } from '@/lib/kit/apiClient'
import { SAVED_LIST_NAME_MAX } from '@/lib/saved/limits'

export type SavedListChoice = { id: number; name: string; saved: boolean }

type Props = {
  vendorId: number
  vendorName: string
  /** The organizer's lists, each saying whether this vendor is on it. */
  lists: SavedListChoice[]
  /** A smaller button, for a result card. */
  compact?: boolean
}

const HeartIcon = ({ filled }: { filled: boolean }) => (
  <svg
    aria-hidden
    viewBox="0 0 24 24"
    className="size-5"
    fill={filled ? 'currentColor' : 'none'}
    stroke="currentColor"
    strokeWidth={2}
  >
    <path d="M12 21s-7.5-4.6-9.5-9.2C1.1 8.4 3.3 5 6.7 5c2 0 3.4 1.1 4.3 2.5h2C13.9 6.1 15.3 5 17.3 5c3.4 0 5.6 3.4 4.2 6.8C19.5 16.4 12 21 12 21z" />
  </svg>
)

/**
 * "Save" on a vendor: a dialog of the organizer's lists, each a checkbox that saves or removes
 * at once, and a field to start a new list with this vendor on it.
 */
export function SaveVendor({ vendorId, vendorName, lists: initial, compact = false }: Props) {
  const router = useRouter()
  const dialog = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const nameId = useId()
  const [lists, setLists] = useState(initial)
  const [busy, setBusy] = useState<number | 'new' | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [newName, setNewName] = useState('')
  const saved = lists.some((list) => list.saved)

  const setSaved = (id: number, saved: boolean) =>
    setLists((all) => all.map((item) => (item.id === id ? { ...item, saved } : item)))

  /** Ticks at once, and untick again if the server refuses. */
  const toggle = async (list: SavedListChoice) => {
    // One change at a time; the checkbox keeps focus meanwhile (a disabled one would drop it).
    if (busy !== null) return
    setBusy(list.id)
    setError(null)
    setSaved(list.id, !list.saved)
    const result = list.saved
      ? await callApi(`/api/saved-lists/${list.id}/vendors/${vendorId}`, { method: 'DELETE' })
      : await callApi(`/api/saved-lists/${list.id}/vendors`, { body: { vendor: vendorId } })
    setBusy(null)
    if (!result.ok) {
      setSaved(list.id, list.saved)
      return setError(result.message)
    }
    router.refresh()
  }

  const create = async () => {
    const name = newName.trim()
    if (!name) return setError('Give the new list a name.')
    setBusy('new')
    setError(null)
    const result = await callApi<{ doc: { id: number; name: string } }>('/api/saved-lists', {
      body: { name, vendors: [vendorId] },
    })
    setBusy(null)
    if (!result.ok) return setError(result.message)
    setLists((all) => [...all, { id: result.data.doc.id, name: result.data.doc.name, saved: true }])
    setNewName('')
    router.refresh()
  }

  return (
    <>
      <button
        type="button"
        className={`btn-secondary inline-flex items-center gap-2 ${compact ? 'min-h-11 px-3 text-sm' : ''}`}
        aria-label={compact ? `${saved ? 'Saved' : 'Save'}: ${vendorName}` : undefined}
        aria-haspopup="dialog"
        data-testid="save-vendor"
        onClick={() => {
          setError(null)
          dialog.current?.showModal()
        }}
      >
        <HeartIcon filled={saved} />
        {saved ? 'Saved' : 'Save'}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto w-[calc(100%-2rem)] max-w-md rounded-xl bg-white p-5 text-ink shadow-xl backdrop:bg-black/50"
      >
        <h2 id={titleId} className="text-lg font-semibold">
          Save {vendorName}
        </h2>
        {lists.length > 0 ? (
          <fieldset className="mt-3 flex flex-col" aria-busy={busy !== null}>
            <legend className="text-sm text-gray-700">Your lists</legend>
            {lists.map((list) => (
              <label key={list.id} className="flex min-h-11 items-center gap-3">
                <input
                  type="checkbox"
                  className="size-5"
                  checked={list.saved}
                  onChange={() => void toggle(list)}
                />
                {list.name}
              </label>
            ))}
          </fieldset>
        ) : (
          <p className="mt-2 text-sm text-gray-700">
            Keep vendors you like in lists, such as “Wedding” or “Office party”.
          </p>
        )}
        <form
          className="mt-3 flex flex-col gap-1"
          onSubmit={(event) => {
            event.preventDefault()
            void create()
          }}
        >
          <label htmlFor={nameId} className="text-sm font-medium">
            New list
          </label>
          <div className="flex gap-2">
            <input
              id={nameId}
              className="field min-w-0 flex-1"
              maxLength={SAVED_LIST_NAME_MAX}
              placeholder="Wedding"
              value={newName}
              onChange={(event) => setNewName(event.target.value)}
            />
            <button type="submit" className="btn-secondary" disabled={busy !== null}>
              {busy === 'new' ? 'Adding…' : 'Add'}
            </button>
          </div>
        </form>
        {error && (
          <p
            role="alert"
            className="mt-3 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800"
          >
            {error}
          </p>
        )}
        <div className="mt-5 flex justify-end">
          <button type="button" className="btn min-h-11" onClick={() => dialog.current?.close()}>
            Done
          </button>
        </div>
      </dialog>
    </>
  )
}
