import type { Where } from 'payload'

/** The jobs an organizer posted: the ownership filter the jobs' access functions share. */
export const jobsPostedBy = (userId: number): Where => ({ organizer: { equals: userId } })
