export const slugs = {
  users: 'users',
  vendors: 'vendors',
  categories: 'categories',
  media: 'media',
  jobs: 'jobs',
  applications: 'applications',
  bookings: 'bookings',
  threads: 'threads',
  messages: 'messages',
  messageAttachments: 'message-attachments',
} as const
