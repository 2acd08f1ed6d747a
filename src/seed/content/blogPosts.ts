export type SeedPost = {
  content: string
  daysAgo: number
  excerpt: string
  published: boolean
  skills: string[]
  title: string
}

export const blogPosts: SeedPost[] = [
  {
    title: 'Moving search from Elasticsearch to PostgreSQL full-text',
    excerpt: 'We replaced a three-node search cluster with two indexes in the database we already ran.',
    skills: ['PostgreSQL', 'Node.js'],
    daysAgo: 12,
    published: true,
    content: `For four years our product search ran on a three-node Elasticsearch cluster. It was fast, but it was
also a second source of truth that drifted from the database every time an indexing job failed quietly.

## What we needed

Our catalogue has about 300,000 products. Searches are short, mostly two or three words, and customers care more
about typo tolerance on brand names than about clever relevance tuning.

## The replacement

We added a generated \`tsvector\` column with weights for the title and the description, a GIN index on it, and a
trigram index on brand names. Ranking uses \`ts_rank_cd\` plus a small boost for products in stock.

- Index updates happen in the same transaction as the product change, so search can no longer drift.
- The 95th percentile latency went from 35 to 48 milliseconds, which nobody noticed.
- We deleted about 2,000 lines of indexing code and one on-call rotation.

## When I would not do this

If you need aggregations over millions of documents, learning-to-rank, or many languages in one field, a
dedicated search engine still earns its keep. For a catalogue that fits in memory, the database is enough.`,
  },
  {
    title: 'Designing idempotent webhooks',
    excerpt: 'Every webhook will be delivered twice eventually. Here is how to make that harmless.',
    skills: ['Node.js', 'PostgreSQL', 'TypeScript'],
    daysAgo: 30,
    published: true,
    content: `Payment providers promise at-least-once delivery, which means at some point you will receive the same
event twice, possibly at the same moment on two servers.

## Record the event before acting on it

The handler inserts the provider's event id into a table with a unique constraint, inside the same transaction
as the side effects. A duplicate delivery fails the insert, rolls back, and the handler answers 200 so the
provider stops retrying.

\`\`\`ts
await db.transaction(async (tx) => {
  await tx.insert(processedEvents).values({ id: event.id })
  await applyPayment(tx, event)
})
\`\`\`

## Answer quickly, work later

Providers time out after a few seconds. Anything slow, such as sending receipts, goes into a job queue that is
written in the same transaction, so a crash between the two cannot lose work.

## Test the duplicate path

Our integration tests send every fixture event twice, concurrently, and assert that balances change once. That
single test found a race in the refund handler that code review had missed.`,
  },
  {
    title: 'Writing tests that can fail',
    excerpt: 'A test that passes whatever the code does is worse than no test: it lies with confidence.',
    skills: ['Automated testing', 'TypeScript'],
    daysAgo: 55,
    published: true,
    content: `The most dangerous test in a codebase is one that cannot fail. It shows up green in every pull request
and protects nothing.

## Three common ways tests stop testing

1. Asserting on a mock you configured, so the test checks your setup rather than your code.
2. Catching an exception and asserting nothing, which passes whether or not the exception was thrown.
3. Checking that a function was called instead of checking what it produced.

## A habit that helps

Before I trust a new test, I break the code it covers on purpose, by flipping a condition or returning early,
and watch the test go red. If it stays green, the test is wrong, not the code.

## Prefer real dependencies

Tests against a real PostgreSQL and a real browser are slower than mocks, but they fail for the reasons users
would notice. With an embedded database per test file, our suite still runs in a few minutes.`,
  },
  {
    title: 'Zero-downtime database migrations, step by step',
    excerpt: 'Expand, migrate, contract: the routine that lets us change schemas during business hours.',
    skills: ['PostgreSQL', 'Docker'],
    daysAgo: 80,
    published: true,
    content: `Most outages I have caused were migrations that held a lock for longer than anyone expected. The fix
was not cleverness but a routine.

## Expand

Add the new column or table without removing anything. New columns are nullable or have a constant default, so
PostgreSQL does not rewrite the table. Indexes are created with \`CREATE INDEX CONCURRENTLY\`.

## Migrate

Deploy code that writes to both the old and the new shape, then backfill old rows in batches of a few thousand,
sleeping between batches so replication keeps up.

## Contract

Only when nothing reads the old shape any more do we drop it, in a separate release. Every step can be rolled
back on its own, and none of them takes a lock that blocks writes for more than a moment.

## Guard rails

We set \`lock_timeout\` to two seconds in every migration. A migration that cannot get its lock fails fast and is
retried later, instead of queueing every other query behind it.`,
  },
  {
    title: 'Why I keep a decision log',
    excerpt: 'Six months from now, nobody will remember why. Write it down in five minutes today.',
    skills: ['Technical writing'],
    daysAgo: 120,
    published: true,
    content: `Every project I join has decisions that look strange from the outside: an unusual index, a library
pinned to an old version, a service that exists for one customer. Usually the reason is lost.

## The format

A decision log is a folder of short Markdown files, one per decision, each with the date, the context, the
options considered, what we chose and what would make us revisit it. Most entries are under 300 words.

## What it changed

New team members read the log in their first week and ask better questions. When we revisited our choice of
queue two years later, the original entry told us exactly which constraint had changed, and the discussion took
an hour instead of a month.

## Start small

You do not need a template or a tool. Write the next decision down before you merge the pull request that
implements it.`,
  },
  {
    title: 'Notes for a talk I have not announced',
    excerpt: 'Draft: not for publication yet.',
    skills: ['PostgreSQL'],
    daysAgo: 1,
    published: false,
    content: `These are private notes for a conference talk that is not announced. The working title is
"Vectors in the database you already run" and the secret demo dataset is called PURPLE OTTER. Do not publish.`,
  },
]
