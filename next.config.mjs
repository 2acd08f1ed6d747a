import { withPayload } from '@payloadcms/next/withPayload'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const dirname = path.dirname(fileURLToPath(import.meta.url))

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Tests run their own Next.js server; a separate build folder keeps them clear of a running `npm run dev`.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // Security headers and request logs come from server.ts; this stops Next adding its own banner.
  poweredByHeader: false,
  // server.ts logs every request once; Next would log them a second time in development.
  logging: { incomingRequests: false },
  // Opening the dev server through 127.0.0.1 must not block hot reloading of the admin.
  allowedDevOrigins: ['127.0.0.1', 'localhost'],
  turbopack: { root: dirname },
  // Read by the retrieval plugin in the indexing job: pdf.js (inside unpdf) and mammoth load parts of
  // themselves at run time, so they stay Node packages rather than bundled code.
  serverExternalPackages: ['unpdf', 'mammoth'],
  rewrites: async () => ({
    // A document's file sits beside its page (/documents/cv and /documents/cv.pdf); the file is a route.
    beforeFiles: [
      { destination: '/document-files/:file', source: '/documents/:file([a-z0-9-]+\\.(?:pdf|docx|md|txt))' },
    ],
    // The chat plugin serves its widget under the API; sites embed it from the short, stable address.
    afterFiles: [{ destination: '/api/chat/widget.js', source: '/widget.js' }],
  }),
  webpack: (webpackConfig) => {
    webpackConfig.resolve.extensionAlias = {
      '.cjs': ['.cts', '.cjs'],
      '.js': ['.ts', '.tsx', '.js', '.jsx'],
      '.mjs': ['.mts', '.mjs'],
    }
    return webpackConfig
  },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
