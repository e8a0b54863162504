'use client'

import { type ReactNode, useEffect, useId, useRef } from 'react'

type Props = {
  open: boolean
  title: string
  description: string
  /** Names the action, e.g. "Accept quote": never a bare "OK". */
  confirmLabel: string
  busy?: boolean
  busyLabel?: string
  /** What the API said, shown inside the dialog so it is never lost. */
  error?: string | null
  danger?: boolean
  /** The button that closes it unchanged: "Cancel" unless that would read as the action. */
  dismissLabel?: string
  /** Fields the action needs (a reason), between the text and the buttons. */
  children?: ReactNode
  onConfirm: () => void
  onClose: () => void
}

/**
 * A modal `<dialog>` in place of `window.confirm()`: labelled by its title, described by its
 * text, focus moves in on opening and back to what opened it on closing; Escape and Cancel close.
 */
export function ConfirmDialog({
  open,
  title,
  description,
  confirmLabel,
  busy = false,
  busyLabel,
  error,
  danger = false,
  dismissLabel = 'Cancel',
  children,
  onConfirm,
  onClose,
}: Props) {
  const dialog = useRef<HTMLDialogElement>(null)
  const returnTo = useRef<HTMLElement | null>(null)
  const titleId = useId()
  const textId = useId()

  useEffect(() => {
    const element = dialog.current
    if (!element) return
    if (open && !element.open) {
      returnTo.current = document.activeElement as HTMLElement | null
      element.showModal()
    } else if (!open && element.open) {
      element.close()
    }
  }, [open])

  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      aria-describedby={textId}
      data-testid="confirm-dialog"
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-xl bg-white p-5 text-ink shadow-xl backdrop:bg-black/50"
      onCancel={(event) => {
        event.preventDefault()
        if (!busy) onClose()
      }}
      onClose={() => {
        if (open) onClose()
        returnTo.current?.focus()
      }}
    >
      <h2 id={titleId} className="text-lg font-semibold">
        {title}
      </h2>
      <p id={textId} className="mt-2 text-sm">
        {description}
      </p>
      {children}
      {error && (
        <p
          role="alert"
          className="mt-3 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800"
        >
          {error}
        </p>
      )}
      <div className="mt-5 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <button type="button" className="btn-secondary min-h-11" onClick={onClose} disabled={busy}>
          {dismissLabel}
        </button>
        <button
          type="button"
          className={
            danger
              ? 'btn-secondary min-h-11 border-red-300 text-red-800 hover:bg-red-50'
              : 'btn min-h-11'
          }
          onClick={onConfirm}
          disabled={busy}
        >
          {busy ? (busyLabel ?? `${confirmLabel}…`) : confirmLabel}
        </button>
      </div>
    </dialog>
  )
}
