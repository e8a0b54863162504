'use client'

type Props = {
  name: string
  label: string
  value: number
  onChange: (value: number) => void
}

/**
 * Five stars as a radio group: keyboard and screen-reader friendly, thumb-sized on a phone.
 * The legend names the group for assistive technology; the visible label sits in the row.
 */
export function StarInput({ name, label, value, onChange }: Props) {
  return (
    <fieldset className="grid grid-cols-[7.5rem_1fr] items-center">
      <legend className="sr-only">{label}</legend>
      <span aria-hidden className="label">
        {label}
      </span>
      <div className="flex">
        {[1, 2, 3, 4, 5].map((star) => (
          <label
            key={star}
            className="flex h-11 w-11 cursor-pointer items-center justify-center has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600"
          >
            <input
              type="radio"
              name={name}
              value={star}
              checked={value === star}
              onChange={() => onChange(star)}
              className="sr-only"
            />
            <span
              aria-hidden
              className={`text-3xl ${star <= value ? 'text-amber-500' : 'text-gray-300'}`}
            >
              ★
            </span>
            <span className="sr-only">
              {star} {star === 1 ? 'star' : 'stars'}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  )
}
