/** Browser helper for our REST API: JSON in, JSON out, and the message a person should read. */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; message: string }

type PayloadErrorBody = {
  errors?: { message?: string; data?: { errors?: { message?: string; path?: string }[] } }[]
  error?: { message?: string }
  message?: string
}

export const errorMessage = (body: PayloadErrorBody | null, status: number): string => {
  const first = body?.errors?.[0]
  const fieldMessages = first?.data?.errors?.map((e) => e.message).filter(Boolean)
  if (fieldMessages?.length) return fieldMessages.join(' ')
  return (
    first?.message ??
    body?.error?.message ??
    body?.message ??
    (status >= 500 ? 'Something went wrong on our side. Please try again.' : 'That did not work.')
  )
}

export const callApi = async <T>(
  url: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResult<T>> => {
  let response: Response
  try {
    response = await fetch(url, {
      method: init.method ?? 'POST',
      credentials: 'include',
      headers: {
        ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    })
  } catch {
    return {
      ok: false,
      status: 0,
      message: 'You seem to be offline. Check your connection and try again.',
    }
  }
  const body = (await response.json().catch(() => null)) as (T & PayloadErrorBody) | null
  if (!response.ok)
    return { ok: false, status: response.status, message: errorMessage(body, response.status) }
  return { ok: true, data: body as T }
}
