export const slugs = {
  users: 'users',
  vendors: 'vendors',
  categories: 'categories',
  media: 'media',
  jobs: 'jobs',
  applications: 'applications',
  bookings: 'bookings',
} as const
