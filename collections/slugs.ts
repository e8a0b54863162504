export const slugs = {
  users: 'users',
  vendors: 'vendors',
  categories: 'categories',
  media: 'media',
  jobs: 'jobs',
} as const
