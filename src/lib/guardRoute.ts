type RouteHandler<A extends unknown[]> = (request: Request, ...args: A) => Promise<Response>

/**
 * Payload's Next route handlers, with one more net: the few failures Payload throws before its
 * own error handling (the body of a `POST` sent with `X-HTTP-Method-Override: GET`, or a
 * GraphQL body it cannot read) leave as a 4xx in the error format, not Next's bare 500. A
 * failure that is ours is still a 500, logged here, with no stack trace in the answer.
 */
export const guardRoute =
  <A extends unknown[]>(handler: RouteHandler<A>): RouteHandler<A> =>
  async (request, ...args) => {
    try {
      return await handler(request, ...args)
    } catch (error) {
      const { name, status: given } = error as { name?: string; status?: number }
      const status =
        typeof given === 'number' && given >= 400 && given < 500
          ? given
          : name === 'SyntaxError'
            ? 400
            : 500
      if (status === 500)
        console.error(`Unhandled error in ${request.method} ${request.url}`, error)
      const message =
        status === 500
          ? 'Something went wrong on our side. Please try again.'
          : name === 'SyntaxError'
            ? 'The request body is not valid JSON.'
            : (error as Error).message
      const code =
        status === 500
          ? 'INTERNAL_ERROR'
          : name === 'SyntaxError'
            ? 'INVALID_JSON'
            : 'INVALID_INPUT'
      return Response.json(
        { success: false, error: { code, message }, errors: [{ message }] },
        { status },
      )
    }
  }
