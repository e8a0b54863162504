import { headersWithCors, type PayloadRequest } from 'payload'

/** The 404 of every file route, in both error formats (ours and Payload's). */
export const fileNotFound = (req: PayloadRequest) =>
  Response.json(
    {
      success: false,
      error: { code: 'NOT_FOUND', message: 'There is no such file.' },
      errors: [{ message: 'There is no such file.' }],
    },
    { status: 404, headers: headersWithCors({ headers: new Headers(), req }) },
  )
