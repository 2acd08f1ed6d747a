import type { AddressInfo } from 'node:net'

import crypto from 'node:crypto'
import http from 'node:http'

export type StoredObject = { body: Buffer; contentType: string; etag: string }
export type S3Request = { key: string; method: string; operation: string }

export type S3StandIn = {
  close: () => Promise<void>
  /** The bucket's objects by key. */
  objects: Map<string, StoredObject>
  /** Every request the stand-in answered, in order. */
  requests: S3Request[]
  url: string
}

const xml = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n${body}`
const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`)
const entities: Record<string, string> = { amp: '&', apos: "'", gt: '>', lt: '<', quot: '"' }
const unescapeXml = (text: string) =>
  text.replace(/&(#\d+|\w+);/g, (_, name: string) =>
    name.startsWith('#') ? String.fromCharCode(Number(name.slice(1))) : entities[name],
  )
const etagOf = (body: Buffer) => `"${crypto.createHash('md5').update(body).digest('hex')}"`

/**
 * Undoes the SDK's `aws-chunked` content encoding (streamed bodies with a trailing checksum):
 * `<hex size>[;chunk-signature=…]\r\n<bytes>\r\n` … `0\r\n<trailers>\r\n\r\n`.
 */
function decodeAwsChunked(raw: Buffer): Buffer {
  const parts: Buffer[] = []
  let offset = 0
  for (;;) {
    const lineEnd = raw.indexOf('\r\n', offset)
    const size = parseInt(raw.subarray(offset, lineEnd).toString('latin1').split(';')[0], 16)
    if (!size) return Buffer.concat(parts)
    parts.push(raw.subarray(lineEnd + 2, lineEnd + 2 + size))
    offset = lineEnd + 2 + size + 2
  }
}

/**
 * A small S3-compatible server for tests, path-style (`/<bucket>/<key>`): PutObject, GetObject (with
 * Range), HeadObject, DeleteObject, DeleteObjects, ListObjectsV2 and the multipart upload that
 * @aws-sdk/lib-storage uses for large files. Signatures are not checked; the bucket name is.
 */
export async function startS3StandIn({ bucket }: { bucket: string }): Promise<S3StandIn> {
  const objects = new Map<string, StoredObject>()
  const uploads = new Map<string, { key: string; parts: Map<number, Buffer>; contentType: string }>()
  const requests: S3Request[] = []

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const raw = Buffer.concat(chunks)
    const encoding = String(req.headers['content-encoding'] ?? '')
    const body =
      encoding.includes('aws-chunked') || String(req.headers['x-amz-content-sha256'] ?? '').startsWith('STREAMING-')
        ? decodeAwsChunked(raw)
        : raw
    const url = new URL(req.url ?? '/', 'http://s3.local')
    const [bucketName, ...keyParts] = url.pathname.slice(1).split('/')
    const key = keyParts.map(decodeURIComponent).join('/')
    const query = url.searchParams
    const method = req.method ?? 'GET'

    const send = (status: number, payload = '', headers: Record<string, number | string> = {}) => {
      res.writeHead(status, payload ? { 'content-type': 'application/xml', ...headers } : headers)
      res.end(payload)
    }
    const error = (status: number, code: string) =>
      send(
        status,
        method === 'HEAD'
          ? ''
          : xml(`<Error><Code>${code}</Code><Message>${code}</Message><Key>${escapeXml(key)}</Key></Error>`),
      )
    const log = (operation: string) => requests.push({ key, method, operation })

    if (decodeURIComponent(bucketName) !== bucket) {
      log('WrongBucket')
      return error(404, 'NoSuchBucket')
    }

    if (!key) {
      if (method === 'POST' && query.has('delete')) {
        log('DeleteObjects')
        const keys = [...body.toString('utf8').matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => unescapeXml(m[1]))
        for (const deleted of keys) objects.delete(deleted)
        return send(
          200,
          xml(
            `<DeleteResult>${keys.map((k) => `<Deleted><Key>${escapeXml(k)}</Key></Deleted>`).join('')}</DeleteResult>`,
          ),
        )
      }
      if (method === 'GET' && query.get('list-type') === '2') {
        log('ListObjectsV2')
        const prefix = query.get('prefix') ?? ''
        const keys = [...objects.keys()].filter((k) => k.startsWith(prefix)).sort()
        const contents = keys
          .map(
            (k) =>
              `<Contents><Key>${escapeXml(k)}</Key><Size>${objects.get(k)!.body.length}</Size><ETag>${escapeXml(objects.get(k)!.etag)}</ETag><LastModified>${new Date().toISOString()}</LastModified><StorageClass>STANDARD</StorageClass></Contents>`,
          )
          .join('')
        return send(
          200,
          xml(
            `<ListBucketResult><Name>${bucket}</Name><Prefix>${escapeXml(prefix)}</Prefix><KeyCount>${keys.length}</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>${contents}</ListBucketResult>`,
          ),
        )
      }
      log('Unsupported')
      return error(501, 'NotImplemented')
    }

    const uploadId = query.get('uploadId')
    if (method === 'POST' && query.has('uploads')) {
      log('CreateMultipartUpload')
      const id = crypto.randomUUID()
      uploads.set(id, {
        contentType: String(req.headers['content-type'] ?? 'application/octet-stream'),
        key,
        parts: new Map(),
      })
      return send(
        200,
        xml(
          `<InitiateMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${escapeXml(key)}</Key><UploadId>${id}</UploadId></InitiateMultipartUploadResult>`,
        ),
      )
    }
    if (uploadId !== null) {
      const upload = uploads.get(uploadId)
      if (!upload || upload.key !== key) return error(404, 'NoSuchUpload')
      if (method === 'PUT') {
        log('UploadPart')
        upload.parts.set(Number(query.get('partNumber')), body)
        return send(200, '', { ETag: etagOf(body) })
      }
      if (method === 'POST') {
        log('CompleteMultipartUpload')
        const numbers = [...body.toString('utf8').matchAll(/<PartNumber>(\d+)<\/PartNumber>/g)].map((m) => Number(m[1]))
        const whole = Buffer.concat(numbers.map((n) => upload.parts.get(n) ?? Buffer.alloc(0)))
        const etag = etagOf(whole)
        objects.set(key, { body: whole, contentType: upload.contentType, etag })
        uploads.delete(uploadId)
        return send(
          200,
          xml(
            `<CompleteMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${escapeXml(key)}</Key><ETag>${escapeXml(etag)}</ETag></CompleteMultipartUploadResult>`,
          ),
        )
      }
      if (method === 'DELETE') {
        log('AbortMultipartUpload')
        uploads.delete(uploadId)
        return send(204)
      }
    }

    if (method === 'PUT') {
      log('PutObject')
      const etag = etagOf(body)
      objects.set(key, { body, contentType: String(req.headers['content-type'] ?? 'application/octet-stream'), etag })
      return send(200, '', { ETag: etag })
    }
    if (method === 'DELETE') {
      log('DeleteObject')
      objects.delete(key)
      return send(204)
    }
    if (method === 'GET' || method === 'HEAD') {
      log(method === 'GET' ? 'GetObject' : 'HeadObject')
      const object = objects.get(key)
      if (!object) return error(404, 'NoSuchKey')
      const headers = {
        'accept-ranges': 'bytes',
        'content-type': object.contentType,
        etag: object.etag,
        'last-modified': new Date().toUTCString(),
      }
      const range = /^bytes=(\d*)-(\d*)$/.exec(String(req.headers.range ?? ''))
      const size = object.body.length
      if (method === 'GET' && range) {
        const start = range[1] ? Number(range[1]) : size - Number(range[2])
        const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1
        const slice = object.body.subarray(start, end + 1)
        res.writeHead(206, {
          ...headers,
          'content-length': slice.length,
          'content-range': `bytes ${start}-${end}/${size}`,
        })
        return res.end(slice)
      }
      res.writeHead(200, { ...headers, 'content-length': size })
      return res.end(method === 'GET' ? object.body : undefined)
    }
    log('Unsupported')
    return error(501, 'NotImplemented')
  })

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    close: () =>
      new Promise<void>((resolve) => {
        // Keep-alive and streaming connections too, so close() does not wait for clients to leave.
        server.closeAllConnections()
        server.close(() => resolve())
      }),
    objects,
    requests,
    url: `http://127.0.0.1:${port}`,
  }
}
