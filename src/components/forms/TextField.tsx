import type { InputHTMLAttributes } from 'react'

type Props = InputHTMLAttributes<HTMLInputElement> & { label: string }

/** A labelled text input: the label wraps the input so it is announced and clickable. */
export function TextField({ label, ...input }: Props) {
  return (
    <label className="label">
      {label}
      <input {...input} className="field" />
    </label>
  )
}
