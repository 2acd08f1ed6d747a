export type SeedProject = {
  description: string
  featured?: boolean
  internalNotes?: string
  liveUrl?: string
  published: boolean
  repoUrl?: string
  skills: string[]
  summary: string
  title: string
}

export const projects: SeedProject[] = [
  {
    title: 'Tidewater',
    summary: 'A public tide-table API serving predictions for 1,400 stations, built on Node.js and PostgreSQL.',
    skills: ['TypeScript', 'Node.js', 'PostgreSQL', 'Docker'],
    repoUrl: 'https://github.com/example-maya/tidewater',
    liveUrl: 'https://tidewater.example.com',
    featured: true,
    published: true,
    internalNotes:
      'Invoice the sailing federation in March; their budget is capped at 12,000 euros (codename SALT MARSH).',
    description: `## Why it exists

Sailing clubs along the Portuguese coast were scraping tide tables from PDFs every week. Tidewater replaces
that with a small JSON API: give it a station and a date range, and it returns high and low water times with
heights in metres.

## How it works

Predictions are computed from harmonic constituents published by the hydrographic office. A nightly worker
computes a year ahead for every station and stores the results in a partitioned PostgreSQL table, so a request
is a single index lookup rather than a calculation.

- Stations and constituents live in two tables that the worker reads once per run.
- Predictions are partitioned by month, which keeps the nightly upsert fast and makes old data cheap to drop.
- Responses are cached at the edge for an hour; the cache key includes the station's data version.

## Results

The API answers in under 20 milliseconds at the 95th percentile and has served about four million requests a
month since launch. The clubs now embed a widget instead of copying numbers by hand.`,
  },
  {
    title: 'Ledgerline',
    summary: 'Double-entry bookkeeping for small shops, with an append-only ledger in PostgreSQL.',
    skills: ['PostgreSQL', 'Next.js', 'React', 'TypeScript'],
    repoUrl: 'https://github.com/example-maya/ledgerline',
    featured: true,
    published: true,
    description: `## The problem

Small shops kept their books in spreadsheets where any cell could be overwritten. When the numbers did not add
up at the end of a quarter, nobody could say which change broke them.

## The design

Ledgerline stores every transaction as a set of entries that must sum to zero, enforced by a deferred
constraint trigger in PostgreSQL. Entries are never updated or deleted: a mistake is corrected with a reversing
transaction, so the history always explains the balance.

1. The web app is a Next.js site with server actions for posting transactions.
2. Balances are materialised per account and per day, refreshed in the same transaction as the entries.
3. Exports produce the SAF-T file that Portuguese accountants expect.

## What I learned

Making the database refuse bad data was worth more than any amount of validation in the application. The
trigger caught two bugs in the import code before they reached a customer.`,
  },
  {
    title: 'Switchyard',
    summary: 'A feature-flag service where every change to a flag is recorded and can be rolled back.',
    skills: ['TypeScript', 'PostgreSQL', 'AWS'],
    repoUrl: 'https://github.com/example-maya/switchyard',
    published: true,
    description: `## Overview

Switchyard lets product teams turn features on for a percentage of users, a list of accounts, or a region.
Clients fetch a compiled rule set and evaluate flags locally, so a flag check never needs a network call.

## Audit trail first

Every change to a flag writes an audit record in the same database transaction as the change itself. The admin
screen can show the state of any flag at any moment in the past and restore it with one click.

## Delivery

Rule sets are published to S3 and fronted by CloudFront. Clients poll with ETags, which keeps the origin
traffic to a few requests per second even with thousands of connected services.`,
  },
  {
    title: 'Quarry',
    summary: 'Full-text search across 200,000 catalogue records for a maritime museum archive.',
    skills: ['PostgreSQL', 'Next.js', 'Technical writing'],
    liveUrl: 'https://quarry.example.com',
    featured: true,
    published: true,
    description: `## The archive

The museum's catalogue had grown over forty years across three systems. Curators wanted one search box that
understood ship names, Portuguese and English descriptions, and dates written in a dozen formats.

## Search in PostgreSQL

Quarry uses PostgreSQL full-text search with separate configurations for Portuguese and English, weighted so
that titles count more than descriptions. Ship names go through an unaccented trigram index to forgive
spelling variations such as "São Gabriel" and "Sao Gabriel".

\`\`\`sql
create index records_search_idx on records
  using gin (setweight(to_tsvector('portuguese', title), 'A') || to_tsvector('portuguese', body));
\`\`\`

## Outcome

Searches return in about 40 milliseconds. I also wrote a curator's guide to the query syntax, which turned out
to be the most visited page on the site.`,
  },
  {
    title: 'Fieldnotes',
    summary: 'An offline-first notes app for field biologists that syncs when a connection returns.',
    skills: ['React', 'TypeScript', 'Automated testing'],
    repoUrl: 'https://github.com/example-maya/fieldnotes',
    published: true,
    description: `## Working without a signal

Biologists counting birds on the Berlengas islands have no mobile coverage for days. Fieldnotes stores every
observation in the browser's IndexedDB and queues changes until the device is back online.

## Conflict handling

Each note carries a version vector. When two devices edited the same note, the app keeps both versions and asks
the user to merge them, instead of silently keeping the last write.

## Testing

The sync engine is tested with property-based tests that generate random sequences of offline edits on several
simulated devices and check that every device converges to the same state.`,
  },
  {
    title: 'Harbourmaster',
    summary: 'Unreleased: a berth-booking system for marinas.',
    skills: ['TypeScript', 'PostgreSQL'],
    published: false,
    description: `## Internal draft

Harbourmaster is still under NDA. The pilot marina is codenamed BLUE HERON and pricing is not yet agreed, so
none of this text may appear on the public site or in the chatbot's answers.`,
  },
]
