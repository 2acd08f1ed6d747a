/** A small HTTP client for the API: JSON in and out, with an optional credential. */
export type Credential = { apiKey: string } | { token: string } | null

export type ApiResponse<T = any> = { body: T; headers: Headers; status: number }

export function authHeaders(credential: Credential): Record<string, string> {
  if (!credential) return {}
  if ('token' in credential) return { Authorization: `JWT ${credential.token}` }
  return { Authorization: `users API-Key ${credential.apiKey}` }
}

export function apiClient(baseUrl: string) {
  async function request<T = any>(
    method: string,
    path: string,
    {
      as = null,
      body,
      headers = {},
    }: { as?: Credential; body?: BodyInit | object; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> {
    const isRaw = typeof body === 'string' || body instanceof FormData || body instanceof Uint8Array
    const response = await fetch(`${baseUrl}${path}`, {
      body: body === undefined ? undefined : isRaw ? (body as BodyInit) : JSON.stringify(body),
      headers: {
        ...(body !== undefined && !(body instanceof FormData) ? { 'Content-Type': 'application/json' } : {}),
        ...authHeaders(as),
        ...headers,
      },
      method,
    })
    const text = await response.text()
    let parsed: unknown = text
    try {
      parsed = text ? JSON.parse(text) : null
    } catch {
      // not JSON; keep the text
    }
    return { body: parsed as T, headers: response.headers, status: response.status }
  }

  return {
    delete: <T = any>(path: string, options?: Parameters<typeof request>[2]) => request<T>('DELETE', path, options),
    get: <T = any>(path: string, options?: Parameters<typeof request>[2]) => request<T>('GET', path, options),
    graphql: <T = any>(query: string, variables: Record<string, unknown> = {}, as: Credential = null) =>
      request<T>('POST', '/api/graphql', { as, body: { query, variables } }),
    patch: <T = any>(path: string, body: object, options?: Parameters<typeof request>[2]) =>
      request<T>('PATCH', path, { ...options, body }),
    post: <T = any>(path: string, body: BodyInit | object, options?: Parameters<typeof request>[2]) =>
      request<T>('POST', path, { ...options, body }),
    request,
  }
}

export type ApiClient = ReturnType<typeof apiClient>
