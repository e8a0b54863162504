/** Channel names: one per thread, one per user (notifications). */
export const threadChannel = (threadId: number) => `private-thread-${threadId}`
export const userChannel = (userId: number) => `private-user-${userId}`

export const CHANNEL_PATTERN = /^private-(thread|user)-(\d{1,12})$/
