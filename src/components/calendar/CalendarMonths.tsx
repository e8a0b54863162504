'use client'

import { useEffect, useRef, useState } from 'react'

import { addDays } from '@/lib/calendar/days'
import { callApi } from '@/lib/kit/apiClient'

/** A day's state as the calendar shows it; organizers only ever see busy or free. */
export type DayState = 'booked' | 'blocked' | 'elsewhere' | 'busy'

type Props = {
  /** The first day of each month shown (`YYYY-MM-01`). */
  months: string[]
  today: string
  days: Record<string, DayState>
  /** The vendor's own calendar: days can be blocked and freed. */
  editVendorId?: number
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']

const LABELS: Record<DayState, string> = {
  booked: 'booked',
  blocked: 'blocked',
  elsewhere: 'busy elsewhere',
  busy: 'busy',
}

const STYLES: Record<DayState | 'free' | 'past', string> = {
  booked: 'bg-brand-700 text-white',
  blocked: 'bg-gray-700 text-white',
  elsewhere:
    'bg-amber-100 text-amber-900 [background-image:repeating-linear-gradient(135deg,transparent_0_4px,rgba(180,83,9,.18)_4px_8px)]',
  busy: 'bg-gray-700 text-white',
  free: 'bg-white text-ink ring-1 ring-inset ring-gray-200',
  past: 'bg-gray-50 text-gray-400',
}

const ARROW_STEPS: Record<string, number> = {
  ArrowLeft: -1,
  ArrowRight: 1,
  ArrowUp: -7,
  ArrowDown: 7,
}

const utc = (day: string) => new Date(`${day}T00:00:00Z`)
const MONTH = new Intl.DateTimeFormat('en-NZ', { month: 'long', year: 'numeric', timeZone: 'UTC' })
const LONG = new Intl.DateTimeFormat('en-NZ', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  timeZone: 'UTC',
})

/** The days of a month, with the blanks before the 1st that put it under its weekday. */
const cellsOf = (first: string): (string | null)[] => {
  const start = utc(first)
  const blanks = (start.getUTCDay() + 6) % 7
  const days: (string | null)[] = Array.from({ length: blanks }, () => null)
  for (let day = first; day.slice(0, 7) === first.slice(0, 7); day = addDays(day, 1)) days.push(day)
  return days
}

/**
 * Month calendars of busy and free days. For the vendor's own, a tap blocks or frees a day and
 * a drag (mouse, or a finger along a week) does a range; booked days cannot be freed here.
 */
export function CalendarMonths({ months, today, days: initial, editVendorId }: Props) {
  const [days, setDays] = useState(initial)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null)
  const drag = useRef<{ start: string; end: string; block: boolean } | null>(null)
  const [range, setRange] = useState<{ from: string; to: string } | null>(null)
  const editable = editVendorId !== undefined

  const commit = async (from: string, to: string, block: boolean) => {
    setBusy(true)
    setMessage(null)
    const result = await callApi<{ days: Record<string, DayState> }>(
      `/api/vendors/${editVendorId}/calendar/${block ? 'block' : 'unblock'}`,
      { body: { from, to } },
    )
    setBusy(false)
    if (!result.ok) return setMessage({ error: true, text: result.message })
    setDays((current) => {
      const next = { ...current }
      for (let day = from; day <= to; day = addDays(day, 1)) delete next[day]
      return { ...next, ...result.data.days }
    })
    const span =
      from === to ? LONG.format(utc(from)) : `${LONG.format(utc(from))} to ${LONG.format(utc(to))}`
    setMessage({ error: false, text: `${block ? 'Blocked' : 'Freed'} ${span}.` })
  }

  const ordered = (a: string, b: string) => (a <= b ? { from: a, to: b } : { from: b, to: a })

  const BOOKED = 'That day is booked: it stays busy until the booking is cancelled.'

  /**
   * A drag ends wherever the pointer is let go, in a calendar or not. Over two days or more it
   * blocks (or frees) the range, and the click that follows is not also a tap; on one day the
   * click does the work, as it does for a keyboard, a screen reader or voice control.
   */
  const suppressClick = useRef(false)
  const finish = useRef<() => void>(() => undefined)
  finish.current = () => {
    const current = drag.current
    drag.current = null
    setRange(null)
    if (!current || current.start === current.end) return
    const { from, to } = ordered(current.start, current.end)
    suppressClick.current = true
    setTimeout(() => (suppressClick.current = false), 0)
    void commit(from, to, current.block)
  }
  useEffect(() => {
    const up = () => finish.current()
    const cancel = () => {
      drag.current = null
      setRange(null)
    }
    window.addEventListener('pointerup', up)
    window.addEventListener('pointercancel', cancel)
    return () => {
      window.removeEventListener('pointerup', up)
      window.removeEventListener('pointercancel', cancel)
    }
  }, [])

  /** A tap, a click, Enter or Space: one day blocked or freed. */
  const toggle = (day: string) => {
    if (suppressClick.current || busy) return
    if (days[day] === 'booked') return setMessage({ error: true, text: BOOKED })
    void commit(day, day, days[day] !== 'blocked')
  }

  const dayAt = (x: number, y: number) =>
    (document.elementFromPoint(x, y) as HTMLElement | null)?.closest<HTMLElement>('[data-day]')
      ?.dataset.day

  return (
    <div className="flex flex-col gap-4">
      <div className="grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
        {months.map((first) => (
          <section key={first} aria-label={MONTH.format(utc(first))}>
            <h3 className="mb-2 font-semibold">{MONTH.format(utc(first))}</h3>
            <div
              className="grid grid-cols-7 gap-1 text-center text-sm"
              style={editable ? { touchAction: 'pan-y' } : undefined}
              onPointerMove={(event) => {
                // Only while pressed: a mouse moving with no button down extends nothing.
                if (!drag.current || (event.buttons & 1) === 0) return
                const day = dayAt(event.clientX, event.clientY)
                if (day && day >= today && day !== drag.current.end) {
                  drag.current.end = day
                  setRange(ordered(drag.current.start, day))
                }
              }}
            >
              {WEEKDAYS.map((name) => (
                <span key={name} aria-hidden className="text-xs text-gray-500">
                  {name}
                </span>
              ))}
              {cellsOf(first).map((day, index) => {
                if (!day) return <span key={`blank-${index}`} aria-hidden />
                const state = days[day]
                const past = day < today
                const inRange = range && day >= range.from && day <= range.to
                const style = past ? STYLES.past : STYLES[state ?? 'free']
                const label = `${LONG.format(utc(day))}: ${past ? 'past' : state ? LABELS[state] : 'free'}`
                const cell = `flex aspect-square min-h-9 items-center justify-center rounded-md ${style} ${inRange ? 'outline outline-2 outline-brand-500' : ''}`
                if (!editable || past) {
                  return (
                    <span
                      key={day}
                      className={cell}
                      data-testid="calendar-day"
                      data-date={day}
                      data-state={state ?? 'free'}
                    >
                      <span aria-hidden>{Number(day.slice(8))}</span>
                      <span className="sr-only">{label}</span>
                    </span>
                  )
                }
                return (
                  <button
                    key={day}
                    type="button"
                    data-day={day}
                    data-date={day}
                    data-testid="calendar-day"
                    data-state={state ?? 'free'}
                    aria-label={label}
                    aria-disabled={busy || state === 'booked'}
                    className={`${cell} select-none`}
                    onPointerDown={(event) => {
                      if (busy || event.button !== 0) return
                      ;(event.target as HTMLElement).releasePointerCapture?.(event.pointerId)
                      drag.current = { start: day, end: day, block: state !== 'blocked' }
                      setRange({ from: day, to: day })
                    }}
                    onClick={() => toggle(day)}
                    onKeyDown={(event) => {
                      // Arrows move a day or a week, across months, as in a date picker.
                      const step = ARROW_STEPS[event.key]
                      if (!step) return
                      const next = document.querySelector<HTMLElement>(
                        `[data-day="${addDays(day, step)}"]`,
                      )
                      if (!next) return
                      event.preventDefault()
                      next.focus()
                    }}
                  >
                    {Number(day.slice(8))}
                  </button>
                )
              })}
            </div>
          </section>
        ))}
      </div>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-gray-700" aria-label="Key">
        {(editable ? (['booked', 'blocked', 'elsewhere'] as const) : (['busy'] as const)).map(
          (state) => (
            <li key={state} className="flex items-center gap-1">
              <span aria-hidden className={`inline-block size-4 rounded ${STYLES[state]}`} />
              {LABELS[state]}
            </li>
          ),
        )}
        <li className="flex items-center gap-1">
          <span aria-hidden className={`inline-block size-4 rounded ${STYLES.free}`} />
          free
        </li>
      </ul>
      {editable && (
        <p
          role={message?.error ? 'alert' : 'status'}
          className={`min-h-5 text-sm ${message?.error ? 'text-red-800' : 'text-gray-700'}`}
          data-testid="calendar-message"
        >
          {message?.text ?? (busy ? 'Saving…' : '')}
        </p>
      )}
    </div>
  )
}
