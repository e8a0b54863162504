import type { PayloadRequest } from 'payload'

import { slugs } from '@/collections/slugs'
import { fileStoreFromEnv } from '@/lib/files/store'
import { getEnv } from '@/lib/kit/env'
import { queueEmail } from '@/lib/kit/email'
import { idOf } from '@/lib/kit/ids'
import { nzDay } from '@/lib/marketplace/dates'
import type { DataExport } from '@/payload-types'

import { gatherPersonalData } from './gather'
import { exportReadme } from './readme'
import { DATA_EXPORT_DAYS, formatNzMoment } from './statuses'
import { discardExportFile, newExportFile, storeExportFile } from './storage'
import { openZipWriter } from './zipWriter'

const DAY_MS = 24 * 60 * 60 * 1000

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`

/** Writes the ZIP for one person: README.txt, account.json, a JSON file a section, the files. */
const writeExportZip = async (
  userId: number,
  madeAt: Date,
  madeByStaff: boolean,
  req: PayloadRequest,
) => {
  const data = await gatherPersonalData(req.payload, userId)
  const { storedAs, filePath } = await newExportFile()
  // The built file goes whatever happens: stored, or a failure's leftovers.
  try {
    const zip = await openZipWriter(filePath)
    let sizeBytes: number
    try {
      const account = data.account as { firstName?: string; lastName?: string; email?: string }
      await zip.addText(
        'README.txt',
        exportReadme({
          name: `${account.firstName ?? ''} ${account.lastName ?? ''}`.trim(),
          email: account.email ?? '',
          madeAt,
          madeByStaff,
          sections: data.sections,
          fileCount: data.files.length,
        }),
      )
      await zip.addText('account.json', json(data.account))
      for (const section of data.sections) await zip.addText(section.file, json(section.items))
      const store = fileStoreFromEnv(getEnv())
      for (const file of data.files) {
        const bytes = await store.read(file.collection, file.filename)
        if (!bytes)
          throw new Error(`${file.collection}/${file.filename} went missing while exporting`)
        await zip.addFile(file.zipPath, bytes)
      }
      sizeBytes = await zip.finish()
    } catch (error) {
      await zip.abort().catch(() => undefined)
      throw error
    }
    await storeExportFile(storedAs, filePath, sizeBytes)
    return { storedAs, sizeBytes }
  } finally {
    await discardExportFile(filePath)
  }
}

/**
 * The job: builds the ZIP of a queued export, marks it ready for 7 days and emails whoever
 * asked (the person, or the admin who made it for them) a link to it. A failure is recorded
 * and told, and the person can ask again; a half-written file is deleted.
 */
export const buildDataExport = async (req: PayloadRequest, exportId: number) => {
  // System read and writes below: nobody writes exports through the API, the job does.
  const row = (await req.payload.findByID({
    collection: slugs.dataExports,
    id: exportId,
    depth: 0,
    overrideAccess: true,
    disableErrors: true,
    req,
  })) as DataExport | null
  if (!row || row.status !== 'queued') return { built: false }
  const userId = idOf(row.user)
  const requesterId = row.requestedBy ? idOf(row.requestedBy) : userId
  const madeByStaff = requesterId !== userId
  const madeAt = new Date()
  let built: { storedAs: string; sizeBytes: number }
  try {
    built = await writeExportZip(userId, madeAt, madeByStaff, req)
  } catch (error) {
    req.payload.logger.error({ err: error, msg: `Data export ${exportId} failed` })
    await req.payload.update({
      collection: slugs.dataExports,
      id: exportId,
      data: { status: 'failed', failureReason: 'The file could not be put together.' },
      overrideAccess: true,
      req,
    })
    await queueEmail(req, {
      userId: requesterId,
      subject: 'We could not prepare your Event Pros NZ data',
      intro:
        'Something went wrong while we were putting your data together, and no file was made. Please ask for it again from your account page; if it fails again, reply to this email and we will send it to you.',
      actionLabel: 'Go to my account',
      actionPath: '/account#data-export',
    })
    return { built: false }
  }
  const expiresAt = new Date(madeAt.getTime() + DATA_EXPORT_DAYS * DAY_MS)
  await req.payload.update({
    collection: slugs.dataExports,
    id: exportId,
    data: {
      status: 'ready',
      readyAt: madeAt.toISOString(),
      expiresAt: expiresAt.toISOString(),
      fileName: `event-pros-nz-data-${nzDay(madeAt)}.zip`,
      sizeBytes: built.sizeBytes,
      storedAs: built.storedAs,
    },
    overrideAccess: true,
    req,
  })
  const until = formatNzMoment(expiresAt)
  await queueEmail(
    req,
    madeByStaff
      ? {
          userId: requesterId,
          subject: `The data export for account ${userId} is ready`,
          intro: `The export you made of account ${userId}'s data is ready. Download it and send it to the person securely. The download works for you until ${until}, and each download is recorded in the audit log.`,
          actionLabel: 'Open the export',
          actionPath: `/account/export/${exportId}`,
        }
      : {
          userId,
          subject: 'Your Event Pros NZ data is ready to download',
          intro: `The file with everything we hold about you is ready. The link works until ${until}, and only when you are signed in to your account.`,
          actionLabel: 'Download my data',
          actionPath: `/account/export/${exportId}`,
          outro:
            'If you did not ask for this, change your password and tell us: someone may have signed in to your account.',
        },
  )
  return { built: true }
}
