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

/** The demo's documents: a short CV (linked from the profile) and a case study of a project, generated as PDFs. */
export const documents: SeedDocument[] = [
  {
    title: 'CV',
    filename: 'maya-lindqvist-cv.pdf',
    description: 'My CV: nine years of backend and platform work, on two pages.',
    skills: ['PostgreSQL', 'TypeScript', 'Node.js', 'AWS'],
    projects: [],
    pages: [
      {
        heading: 'Maya Lindqvist: backend and platform engineer',
        paragraphs: [
          'Lisbon, Portugal. Nine years of building backend systems for logistics, publishing and games.',
          'Core skills: PostgreSQL performance and schema design, TypeScript and Node.js services, queues and job runners, search, and Payload CMS.',
        ],
      },
      {
        heading: 'Experience: my last three jobs',
        paragraphs: [
          'Staff engineer at Portolan Freight (2021 to 2025). At my last job I led the move of the shipment tracking platform from a single MySQL server to PostgreSQL without an outage, cut the p95 latency of the tracking API from 900 to 120 milliseconds, and ran the on-call rotation for a team of six.',
          'Senior engineer at Quillpress (2018 to 2021). Built the publishing pipeline that turned editors’ drafts into static pages for forty regional newspapers.',
          'Backend engineer at Tally Games (2016 to 2018). Built the matchmaking service and the weekly leaderboards of a mobile puzzle game.',
        ],
      },
    ],
  },
  {
    title: 'Fieldnotes field trial',
    filename: 'fieldnotes-field-trial.pdf',
    description:
      'A season of Fieldnotes on the Berlengas islands: what worked offline and what we changed, in three pages.',
    skills: ['React', 'Automated testing'],
    projects: ['Fieldnotes'],
    pages: [
      {
        heading: 'Fieldnotes: a season on the Berlengas',
        paragraphs: [
          'This report follows twelve biologists who used Fieldnotes for a whole breeding season on the Berlengas islands, with no mobile signal for up to six days at a time.',
        ],
      },
      {
        heading: 'Sync after days offline',
        paragraphs: [
          'Over the season the phones stored 41,000 observations. Back on the mainland every device synced within two minutes, and the 37 notes edited on two devices were merged by the people who wrote them.',
        ],
      },
      {
        heading: 'What we changed',
        paragraphs: [
          'Counting forms now open in under a second on the oldest phones, and a battery saver pauses the map while a count is in progress.',
        ],
      },
    ],
  },
]
