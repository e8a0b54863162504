import fs from 'node:fs'
import http from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'

import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3'

/** The part of s3rver's API used here (it ships no types). */
type S3rverInstance = {
  callback: () => http.RequestListener
  store: { reset: () => void }
}
type S3rverClass = new (options: {
  directory: string
  silent: boolean
  vhostBuckets: boolean
}) => S3rverInstance

const S3rver = createRequire(import.meta.url)('s3rver') as S3rverClass

/** s3rver's own account: it checks signatures against these keys. */
const ACCESS_KEY_ID = 'S3RVER'
const SECRET_ACCESS_KEY = 'S3RVER'

export type RecordedRequest = { method: string; url: string; headers: http.IncomingHttpHeaders }

export type S3Server = {
  endpoint: string
  bucket: string
  /** The app's S3_* variables for this server. */
  env: Record<string, string>
  /** An AWS SDK client on the server, as an operator's tools would use. */
  client: S3Client
  /** Every request the server received, in order: what the app asked of the bucket. */
  requests: RecordedRequest[]
  stop: () => Promise<void>
}

/**
 * s3rver (the S3 REST protocol over a folder) on 127.0.0.1, on a free port and a temporary
 * folder, with one bucket made through the S3 API. s3rver grants every request and keeps no
 * ACLs, so what the app asked for (an `x-amz-acl` header, say) is recorded to be checked.
 */
export const startS3Server = async (bucket = 'eventpros-test'): Promise<S3Server> => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 's3rver-'))
  const s3rver = new S3rver({ directory, silent: true, vhostBuckets: false })
  const requests: RecordedRequest[] = []
  const handle = s3rver.callback()
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers })
    handle(req, res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const env = {
    S3_BUCKET: bucket,
    S3_ENDPOINT: endpoint,
    S3_REGION: 'us-east-1',
    S3_ACCESS_KEY_ID: ACCESS_KEY_ID,
    S3_SECRET_ACCESS_KEY: SECRET_ACCESS_KEY,
    S3_FORCE_PATH_STYLE: 'true',
  }
  const client = new S3Client({
    endpoint,
    region: env.S3_REGION,
    forcePathStyle: true,
    credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY },
  })
  await client.send(new CreateBucketCommand({ Bucket: bucket }))
  return {
    endpoint,
    bucket,
    env,
    client,
    requests,
    stop: async () => {
      client.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      fs.rmSync(directory, { recursive: true, force: true })
    },
  }
}
