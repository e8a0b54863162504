'use client'

import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { FormMessage } from '@/components/forms/FormMessage'
import { callApi } from '@/lib/kit/apiClient'
import { formatCents, lineItemProblem, priceQuote } from '@/lib/kit/money'

type Line = { description: string; quantity: string; unitPrice: string }

const emptyLine = (): Line => ({ description: '', quantity: '1', unitPrice: '' })

/** Dollars typed by a person ("1,250.5") as whole cents, or NaN. */
const toCents = (dollars: string): number => {
  const cleaned = dollars.replace(/[$,\s]/g, '')
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return Number.NaN
  return Math.round(Number(cleaned) * 100)
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

/**
 * The vendor's quote: lines priced GST exclusive, with the subtotal, GST and total worked out
 * as they type by the same arithmetic the server uses (the server's figures are the ones kept).
 */
export function QuoteBuilder({
  jobId,
  outsideServices = null,
}: {
  jobId: number
  /** Said before the form when the job asks for none of the vendor's services. */
  outsideServices?: string | null
}) {
  const router = useRouter()
  const [lines, setLines] = useState<Line[]>([emptyLine()])
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const parsed = lines.map((line) => ({
    description: line.description,
    quantity: Number(line.quantity),
    unitPriceCents: toCents(line.unitPrice),
  }))
  const problems = parsed.map((line) => lineItemProblem(line))
  const totals = problems.every((problem) => !problem) ? priceQuote(parsed) : null

  const update = (index: number, patch: Partial<Line>) =>
    setLines((current) => current.map((line, i) => (i === index ? { ...line, ...patch } : line)))

  const submit = async (form: FormData) => {
    const firstProblem = problems.findIndex(Boolean)
    if (firstProblem >= 0) {
      setError(`Line ${firstProblem + 1}: ${problems[firstProblem]}`)
      return
    }
    setBusy(true)
    setError(null)
    const result = await callApi(`/api/jobs/${jobId}/apply`, {
      body: {
        message: String(form.get('message') ?? '').trim(),
        lineItems: parsed,
        validUntil: `${String(form.get('validUntil'))}T10:59:00.000Z`,
      },
    })
    setBusy(false)
    if (!result.ok) {
      setError(result.message)
      return
    }
    router.refresh()
  }

  return (
    <form
      className="card flex flex-col gap-4 p-5"
      aria-labelledby="quote-heading"
      onSubmit={(event) => {
        event.preventDefault()
        void submit(new FormData(event.currentTarget))
      }}
    >
      <h2 id="quote-heading" className="text-lg font-semibold">
        Send a quote
      </h2>
      {outsideServices && (
        <p
          role="note"
          data-testid="quote-outside-services"
          className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900"
        >
          {outsideServices}
        </p>
      )}
      <label className="label">
        Message to the organizer
        <textarea
          name="message"
          required
          minLength={20}
          maxLength={3000}
          rows={4}
          className="field py-2"
          placeholder="Why you are a great fit, what is included, any questions."
        />
      </label>
      <fieldset className="flex flex-col gap-3">
        <legend className="label mb-1">Price, GST exclusive</legend>
        {lines.map((line, index) => (
          <div
            key={index}
            className="grid grid-cols-[5rem_1fr_auto] items-end gap-2 border-b border-gray-100 pb-3 sm:grid-cols-[1fr_5rem_7rem_auto] sm:border-0 sm:pb-0"
            data-testid="quote-line"
          >
            <label className="label col-span-3 sm:col-span-1">
              <span className={index ? 'sm:sr-only' : ''}>
                Item {lines.length > 1 ? index + 1 : ''}
              </span>
              <input
                aria-label={`Item ${index + 1}`}
                value={line.description}
                onChange={(e) => update(index, { description: e.target.value })}
                required
                maxLength={200}
                className="field"
                placeholder="Photography, 8 hours"
              />
            </label>
            <label className="label">
              <span className={index ? 'sm:sr-only' : ''}>Qty</span>
              <input
                aria-label={`Quantity ${index + 1}`}
                value={line.quantity}
                onChange={(e) => update(index, { quantity: e.target.value })}
                inputMode="decimal"
                required
                className="field"
              />
            </label>
            <label className="label">
              <span className={index ? 'sm:sr-only' : ''}>Unit price $</span>
              <input
                aria-label={`Unit price ${index + 1}`}
                value={line.unitPrice}
                onChange={(e) => update(index, { unitPrice: e.target.value })}
                inputMode="decimal"
                required
                className="field"
                placeholder="0.00"
              />
            </label>
            <button
              type="button"
              className="btn-secondary min-h-11 px-3"
              aria-label={`Remove line ${index + 1}`}
              disabled={lines.length === 1}
              onClick={() => setLines(lines.filter((_, i) => i !== index))}
            >
              ×
            </button>
          </div>
        ))}
        <button
          type="button"
          className="btn-secondary self-start"
          onClick={() => setLines([...lines, emptyLine()])}
          disabled={lines.length >= 30}
        >
          Add a line
        </button>
      </fieldset>
      <dl className="grid grid-cols-[1fr_auto] gap-x-4 text-sm" aria-live="polite">
        <dt>Subtotal</dt>
        <dd className="text-right">{totals ? formatCents(totals.subtotalCents) : '—'}</dd>
        <dt>GST 15%</dt>
        <dd className="text-right">{totals ? formatCents(totals.gstCents) : '—'}</dd>
        <dt className="font-semibold">Total</dt>
        <dd className="text-right font-semibold" data-testid="quote-total">
          {totals ? formatCents(totals.totalCents) : '—'}
        </dd>
      </dl>
      <label className="label">
        Price valid until
        <input
          type="date"
          name="validUntil"
          required
          min={inDays(0)}
          defaultValue={inDays(30)}
          className="field"
        />
      </label>
      <FormMessage error={error} />
      <button type="submit" className="btn" disabled={busy}>
        {busy ? 'Sending…' : 'Send quote'}
      </button>
    </form>
  )
}
