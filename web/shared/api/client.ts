// The one HTTP client of both web apps: JSON over fetch with the session cookie, the CSRF header on
// mutations, and every failure turned into an ApiError carrying the server's Chinese message.

/** A failed request: the HTTP status (0 when the server could not be reached) and the API's error body. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly field: string
  /** Seconds the server asked to wait before trying again (its Retry-After on a 429); 0 when it named none. */
  readonly retryAfter: number

  constructor(status: number, code: string, message: string, field = '', retryAfter = 0) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.field = field
    this.retryAfter = retryAfter
  }
}

/** Refusals and missing records stay so on retry; network faults, throttling and server errors may not. */
export function retryMayHelp(error: ApiError): boolean {
  return ![400, 401, 403, 404].includes(error.status)
}

/** Any failure as an ApiError: API errors pass through, anything else keeps its message with status 0. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error
  return new ApiError(0, 'client', error instanceof Error ? error.message : String(error))
}

/** What the hosting app tells the client: the current CSRF token, and what to do when the session is gone. */
export interface ApiClientHooks {
  csrfToken: () => string
  onUnauthorized: () => void
  /** Message for a request that never got an answer (the only error text not written by the server). */
  networkErrorMessage: () => string
}

let hooks: ApiClientHooks = {
  csrfToken: () => '',
  onUnauthorized: () => {},
  networkErrorMessage: () => '网络连接失败，请检查网络后重试',
}

export function configureApiClient(appHooks: ApiClientHooks): void {
  hooks = appHooks
}

type QueryValue = string | number | undefined | null

export interface RequestOptions {
  query?: Record<string, QueryValue>
  /** Sent as JSON. */
  body?: unknown
  /** Sent as is with its content type, instead of a JSON body (e.g. a CSV file). */
  rawBody?: { content: BodyInit; contentType: string }
  /** Read the answer as text instead of JSON (e.g. a CSV export). */
  responseAs?: 'json' | 'text'
  /** Non-2xx statuses whose body is the answer rather than an error (an import's 422 report). */
  answerStatuses?: readonly number[]
  /** Extra request headers (e.g. Idempotency-Key on casting a ballot). */
  headers?: Record<string, string>
}

function urlWithQuery(path: string, query: Record<string, QueryValue> | undefined): string {
  const parameters = new URLSearchParams()
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') parameters.set(name, String(value))
  }
  const text = parameters.toString()
  return text ? `${path}?${text}` : path
}

async function errorFromResponse(response: Response): Promise<ApiError> {
  const fallback = `请求失败（HTTP ${response.status}）`
  const retryAfter = Number(response.headers.get('Retry-After')) || 0
  try {
    const payload = (await response.json()) as { error?: { code?: string; message?: string; field?: string } }
    const error = payload.error ?? {}
    return new ApiError(response.status, error.code ?? 'unknown', error.message || fallback, error.field ?? '', retryAfter)
  } catch {
    return new ApiError(response.status, 'unknown', fallback, '', retryAfter)
  }
}

/** A fresh Idempotency-Key: 32 hex digits, made up by the client for one change. */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('')
}

let changeBeingSent: { key: string; posts: number } | null = null

/**
 * Sends one user change (which may take several POSTs, such as a photo and then the record) under
 * `key`: its n-th POST carries `<key>.<n>`, so a retry of the same change under the same key repeats
 * the same keys in the same order and the server answers each again instead of doing it twice.
 * Console drawers send one change at a time, which is what lets the key live here for the duration.
 */
export async function sendAsOneChange<Result>(key: string, send: () => Promise<Result>): Promise<Result> {
  changeBeingSent = { key, posts: 0 }
  try {
    return await send()
  } finally {
    changeBeingSent = null
  }
}

/** Whether a change that failed so may have been done by the server, so a retry must reuse its key. */
export function answerMayBeLost(error: unknown): boolean {
  const { status, code } = toApiError(error)
  return status === 0 || status >= 500 || code === 'idempotency_key_in_use'
}

/**
 * Sends one API request and returns the decoded JSON (undefined for 204).
 * Throws ApiError for any non-2xx answer; a 401 also calls the app's onUnauthorized hook first.
 */
export async function request<Result>(method: string, path: string, options: RequestOptions = {}): Promise<Result> {
  const readsText = options.responseAs === 'text'
  const headers: Record<string, string> = { ...options.headers, Accept: readsText ? '*/*' : 'application/json' }
  const mutates = method !== 'GET' && method !== 'HEAD'
  if (mutates) headers['X-CSRF-Token'] = hooks.csrfToken()
  if (method === 'POST' && changeBeingSent && !headers['Idempotency-Key']) {
    changeBeingSent.posts += 1
    headers['Idempotency-Key'] = `${changeBeingSent.key}.${changeBeingSent.posts}`
  }
  let body: BodyInit | undefined
  if (options.rawBody) {
    headers['Content-Type'] = options.rawBody.contentType
    body = options.rawBody.content
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(options.body)
  }
  let response: Response
  try {
    response = await fetch(urlWithQuery(path, options.query), { method, headers, credentials: 'same-origin', body })
  } catch {
    throw new ApiError(0, 'network', hooks.networkErrorMessage())
  }
  if (!response.ok && !options.answerStatuses?.includes(response.status)) {
    const error = await errorFromResponse(response)
    if (response.status === 401) hooks.onUnauthorized()
    throw error
  }
  if (response.status === 204) return undefined as Result
  return (readsText ? await response.text() : await response.json()) as Result
}

/** A whole list, which the server answers as `{ "items": [...] }`: its items. */
export async function requestItems<Item>(method: string, path: string, options: RequestOptions = {}): Promise<Item[]> {
  return (await request<{ items: Item[] }>(method, path, options)).items
}

/** A page of a cursor-paged list: pass next_cursor back as `cursor` for the next page; null on the last. */
export interface Page<Item> {
  items: Item[]
  next_cursor: string | null
}
