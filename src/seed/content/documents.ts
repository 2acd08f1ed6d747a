import type { PdfPage } from '../generatePdf'

export type SeedDocument = {
  description: string
  /** The file's name as uploaded. */
  filename: string
  pages: PdfPage[]
  /** Projects it belongs to, by title. */
  projects: string[]
  skills: string[]
  title: string
}

/** The demo's documents: a short CV (linked from the profile) and a case study, generated as PDFs. */
export const documents: SeedDocument[] = [
  {
    title: 'CV',
    filename: 'maya-lindqvist-cv.pdf',
    description: 'My CV: nine years of backend and platform work, as two pages.',
    skills: ['PostgreSQL', 'TypeScript', 'Node.js', 'AWS'],
    projects: [],
    pages: [
      {
        heading: 'Maya Lindqvist: backend and platform engineer',
        paragraphs: [
          'Lisbon, Portugal. Nine years of building backend systems for payments, logistics and publishing.',
          'Core skills: PostgreSQL performance and schema design, TypeScript and Node.js services, queues and job runners, search, and Payload CMS.',
        ],
      },
      {
        heading: 'Experience',
        paragraphs: [
          'Staff engineer at Portolan Freight (2021 to 2025). At my last job I led the move of the shipment tracking platform from a single MySQL server to PostgreSQL with zero downtime, cut the p95 latency of the tracking API from 900 to 120 milliseconds, and ran the on-call rotation for a team of six.',
          'Senior engineer at Quillpress (2018 to 2021). Built the publishing pipeline that turned editors’ drafts into static pages for forty regional newspapers, and the audit trail that recorded every change.',
          'Backend engineer at Tally Payments (2016 to 2018). Worked on the settlement service and the reconciliation jobs that matched bank files to ledger entries every night.',
        ],
      },
    ],
  },
  {
    title: 'Ledgerline case study',
    filename: 'ledgerline-case-study.pdf',
    description: 'How Ledgerline keeps a bookkeeping ledger that can never be edited, in three pages.',
    skills: ['PostgreSQL', 'Next.js'],
    projects: ['Ledgerline'],
    pages: [
      {
        heading: 'Ledgerline: a case study',
        paragraphs: [
          'Ledgerline is double-entry bookkeeping for small shops. This case study explains how the ledger stays correct when anyone can make a mistake.',
        ],
      },
      {
        heading: 'The constraint trigger',
        paragraphs: [
          'Every transaction is a set of entries that must sum to zero. A deferred constraint trigger checks the sum at commit, so an unbalanced transaction can never be stored, whatever the application does.',
        ],
      },
      {
        heading: 'Results',
        paragraphs: [
          'In the first year, forty shops closed their quarters without a single unexplained balance. Corrections are reversing transactions, so an accountant can always see who changed what and why.',
        ],
      },
    ],
  },
]
