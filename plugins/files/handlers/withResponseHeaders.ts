import type { PayloadRequest, UploadConfig } from 'payload'

type UploadHandler = NonNullable<UploadConfig['handlers']>[number]

/**
 * A storage adapter's handler answers the file route itself, with the headers of the
 * collection as it was when the adapter was added, before this plugin set its own. The files it
 * serves get them here, as files on disk get them from Payload's route; refusals keep theirs.
 */
export const withResponseHeaders = (
  handler: UploadHandler,
  modify: NonNullable<UploadConfig['modifyResponseHeaders']>,
): UploadHandler =>
  // Payload's type admits a handler that always or never answers, not one that sometimes does.
  (async (req: PayloadRequest, args: Parameters<UploadHandler>[1]) => {
    const response: unknown = await handler(req, args)
    if (response instanceof Response && (response.ok || response.status === 304)) {
      modify({ headers: response.headers })
    }
    return response
  }) as UploadHandler
