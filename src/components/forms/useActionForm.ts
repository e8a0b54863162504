'use client'

import { type FormEvent, startTransition, useActionState } from 'react'

/**
 * The life of a form that posts to a Server Action. Before and without JavaScript the browser
 * posts it and the page comes back showing the action's state. With JavaScript the same action
 * runs in place, and because we submit by hand React does not reset the form afterwards, so
 * what was typed (the password too) stays after an error, as people expect.
 */
export function useActionForm<State>(
  action: (state: Awaited<State>, form: FormData) => State | Promise<State>,
  initialState: Awaited<State>,
) {
  const [state, formAction, busy] = useActionState(action, initialState)
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    startTransition(() => formAction(form))
  }
  return { state, busy, formProps: { action: formAction, onSubmit } }
}
