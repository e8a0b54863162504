/** Where a data export got to: waiting for the job, ready to download, failed, or past its 7 days. */
export const DATA_EXPORT_STATUSES = ['queued', 'ready', 'failed', 'expired'] as const

export type DataExportStatus = (typeof DATA_EXPORT_STATUSES)[number]

/** How long a finished export can be downloaded. */
export const DATA_EXPORT_DAYS = 7

const NZ_MOMENT = new Intl.DateTimeFormat('en-NZ', {
  timeZone: 'Pacific/Auckland',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
})

/** "8 December 2026 at 3:05 pm", in New Zealand time, for emails and the account page. */
export const formatNzMoment = (value: Date | string): string => NZ_MOMENT.format(new Date(value))

/** "1.2 MB" */
export const formatBytes = (bytes: number): string =>
  bytes < 1024
    ? `${bytes} bytes`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(0)} KB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MB`

/** What the account page knows of an export (the browser gets this, never where it is stored). */
export type DataExportView = {
  id: number
  status: DataExportStatus
  createdAt: string
  expiresAt: string | null
  sizeBytes: number | null
}

/** Where the ZIP downloads from. */
export const downloadPath = (id: number) => `/api/data-exports/${id}/download`
