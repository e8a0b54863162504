/** What an admin action answered: read out politely when it worked, at once when it did not. */
export type ActionOutcome = { text: string; error: boolean } | null

export function ActionMessage({ message }: { message: ActionOutcome }) {
  if (!message) return null
  return (
    <p role={message.error ? 'alert' : 'status'} style={{ margin: '8px 0 0' }}>
      {message.text}
    </p>
  )
}
