import type { SerializedAutoLinkNode, SerializedBlockNode, SerializedLinkNode } from '@payloadcms/richtext-lexical'
import type { JSXConverterArgs, JSXConverters, JSXConvertersFunction } from '@payloadcms/richtext-lexical/react'

import type { Media } from '../../../../payload-types'

import { MediaImage } from './MediaImage'
import { safeHref } from './safeHref'

type LinkFields = SerializedLinkNode['fields']
type CodeFields = { blockType: string; code?: string; language?: string }

const pathFor: Record<string, string> = { 'blog-posts': '/blog', projects: '/projects', skills: '/skills' }

/** An internal link's page, when the linked document could be read (drafts and private docs stay ids). */
function internalHref(doc: LinkFields['doc']): null | string {
  const value = doc?.value as { slug?: string } | undefined
  const base = doc?.relationTo ? pathFor[doc.relationTo] : undefined
  return base && value && typeof value === 'object' && value.slug ? `${base}/${value.slug}` : null
}

function renderLink({ node, nodesToJSX }: JSXConverterArgs<SerializedAutoLinkNode | SerializedLinkNode>) {
  const children = nodesToJSX({ nodes: node.children })
  const href = node.fields.linkType === 'internal' ? internalHref(node.fields.doc) : safeHref(node.fields.url)
  if (!href) return <>{children}</>
  const newTab = node.fields.newTab === true
  return (
    <a href={href} rel={newTab ? 'noopener noreferrer' : undefined} target={newTab ? '_blank' : undefined}>
      {children}
    </a>
  )
}

/**
 * The default lexical converters, with: h1 in content demoted to h2 (the page's title is its only
 * h1), safe links, uploads at their card size, and the editor's Code block as <pre><code>.
 */
export const siteConverters: JSXConvertersFunction = ({ defaultConverters }) => {
  const heading = defaultConverters.heading
  return {
    ...defaultConverters,
    autolink: renderLink,
    blocks: {
      Code: ({ node }: JSXConverterArgs<SerializedBlockNode<CodeFields>>) => (
        <pre className="code" data-language={node.fields.language || undefined} tabIndex={0}>
          <code>{node.fields.code ?? ''}</code>
        </pre>
      ),
    },
    heading: (args) =>
      typeof heading === 'function'
        ? heading({ ...args, node: { ...args.node, tag: args.node.tag === 'h1' ? 'h2' : args.node.tag } })
        : null,
    link: renderLink,
    upload: ({ node }) => {
      const media = node.value as Media | number
      if (typeof media === 'object' && media.mimeType && !media.mimeType.startsWith('image/')) {
        return media.url ? <a href={media.url}>{media.filename}</a> : null
      }
      return <MediaImage className="content-image" media={media} size="card" />
    },
  } satisfies JSXConverters
}
