export type ThreadMessage = {
  id: number
  body: string | null
  sender: number
  createdAt: string
  readAt: string | null
  editedAt?: string | null
  deletedAt?: string | null
  masked?: boolean | null
  attachments: { id: number; filename: string; url: string }[]
}

export type ApiMessage = Omit<ThreadMessage, 'sender' | 'attachments'> & {
  sender: number | { id: number }
  attachments?: (number | { id: number; filename?: string | null; url?: string | null })[] | null
}

/** The API's message as the view keeps it: the sender's id and the files' links. */
export const toThreadMessage = (message: ApiMessage): ThreadMessage => ({
  id: message.id,
  body: message.body ?? null,
  sender: typeof message.sender === 'object' ? message.sender.id : message.sender,
  createdAt: message.createdAt,
  readAt: message.readAt ?? null,
  editedAt: message.editedAt ?? null,
  deletedAt: message.deletedAt ?? null,
  masked: message.masked ?? null,
  attachments: (message.attachments ?? []).flatMap((file) =>
    typeof file === 'object' && file.filename
      ? [
          {
            id: file.id,
            filename: file.filename,
            url: file.url ?? `/api/message-attachments/file/${file.filename}`,
          },
        ]
      : [],
  ),
})
