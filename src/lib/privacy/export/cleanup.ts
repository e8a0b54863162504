import type { PayloadRequest } from 'payload'

import { slugs } from '@/collections/slugs'

import { STALLED_AFTER_MS } from './requests'
import { deleteExportFile, storedExportFiles, sweepAbandonedBuilds } from './storage'

const HOUR_MS = 60 * 60 * 1000

/**
 * The daily clean-up: the ZIP of every export past its 7 days is deleted and the export marked
 * `expired` (the row stays, as the record that it was made); an export queued for over an hour
 * has stopped and is marked failed; a file no ready export names (left by a job that stopped
 * half-way) goes too, once it is an hour old, and so does a build folder a killed process left.
 */
export const deleteExpiredExports = async (req: PayloadRequest) => {
  const now = new Date()
  // System read and writes: the clean-up runs as nobody, over everyone's exports.
  const { docs } = await req.payload.find({
    collection: slugs.dataExports,
    where: { status: { equals: 'ready' }, expiresAt: { less_than_equal: now.toISOString() } },
    depth: 0,
    pagination: false,
    select: { storedAs: true },
    overrideAccess: true,
    req,
  })
  for (const row of docs) {
    await deleteExportFile(row.storedAs)
    await req.payload.update({
      collection: slugs.dataExports,
      id: row.id,
      data: { status: 'expired', storedAs: null },
      overrideAccess: true,
      req,
    })
  }
  const stalled = await req.payload.update({
    collection: slugs.dataExports,
    where: {
      status: { equals: 'queued' },
      createdAt: { less_than: new Date(now.getTime() - STALLED_AFTER_MS).toISOString() },
    },
    data: { status: 'failed', failureReason: 'The job stopped before the file was finished.' },
    depth: 0,
    overrideAccess: true,
    req,
  })
  const live = await req.payload.find({
    collection: slugs.dataExports,
    where: { status: { equals: 'ready' } },
    depth: 0,
    pagination: false,
    select: { storedAs: true },
    overrideAccess: true,
    req,
  })
  const kept = new Set(live.docs.map((row) => row.storedAs))
  let removedStrays = 0
  for await (const { filename, modifiedAt } of storedExportFiles()) {
    if (kept.has(filename)) continue
    if (now.getTime() - modifiedAt.getTime() < HOUR_MS) continue
    if (await deleteExportFile(filename)) removedStrays += 1
  }
  const abandonedBuilds = await sweepAbandonedBuilds(HOUR_MS, now.getTime())
  return { expired: docs.length, stalled: stalled.docs.length, removedStrays, abandonedBuilds }
}

/**
 * Every export of one person and its file, for erasing their account: the ZIP is a copy of
 * what erasure removes. System writes: the person may not delete exports through the API.
 */
export const deleteExportsOf = async (req: PayloadRequest, userId: number) => {
  const { docs } = await req.payload.find({
    collection: slugs.dataExports,
    where: { user: { equals: userId } },
    depth: 0,
    pagination: false,
    select: { storedAs: true },
    overrideAccess: true,
    req,
  })
  for (const row of docs) await deleteExportFile(row.storedAs)
  await req.payload.delete({
    collection: slugs.dataExports,
    where: { user: { equals: userId } },
    overrideAccess: true,
    req,
  })
  return { deleted: docs.length }
}
