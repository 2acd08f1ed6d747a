/** http(s), mailto, tel, in-page and site-relative links; anything else (javascript:, data:) is dropped. */
export function safeHref(url: null | string | undefined): null | string {
  const href = url?.trim()
  if (!href) return null
  if (/^(https?:|mailto:|tel:)/i.test(href) || href.startsWith('#') || (href.startsWith('/') && !href.startsWith('//')))
    return href
  return null
}
