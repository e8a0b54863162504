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
