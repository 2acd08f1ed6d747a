/**
 * What the widget tells a visitor when the chat fails, in plain words. Runs in the browser as part of
 * the widget (see serveWidget.ts), so it must stay self-contained.
 */
export function describeFailures() {
  const offline = 'The chat could not be reached. Check your connection and try again.'
  const cutOff = 'The answer was cut off. Please try again.'

  /** An error response: the rate limit with its wait, a refused site, or the server's own message. */
  const forResponse = async (res: Response): Promise<string> => {
    let message = ''
    try {
      message = (await res.json()).errors?.[0]?.message ?? ''
    } catch {
      // not JSON: fall back to the status
    }
    if (res.status === 429) {
      const wait = Number(res.headers.get('retry-after'))
      return `You're asking faster than the chat can answer. Please wait ${wait > 0 ? `${wait} seconds` : 'a moment'} and try again.`
    }
    if (res.status === 403) return 'The chat is not available on this site.'
    if (res.status >= 500) return message || 'Something went wrong on our side. Please try again in a moment.'
    return message || `The chat could not answer (error ${res.status}).`
  }

  /**
   * A request that got no response. A browser hides why a cross-origin request failed; if the server
   * still answers a request that needs no permission, it is up, so the failure was its refusal of
   * this site (CORS).
   */
  const forNoResponse = async (api: string): Promise<string> => {
    try {
      await fetch(`${api}/api/chat/widget.js`, { method: 'GET', mode: 'no-cors' })
      return new URL(api).origin === location.origin ? offline : 'The chat is not available on this site.'
    } catch {
      return offline
    }
  }

  return { cutOff, forNoResponse, forResponse, offline }
}
