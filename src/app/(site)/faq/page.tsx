import type { Metadata } from 'next'

import { RichText } from '../components/RichText'
import { building } from '../data/cachedRead'
import { site } from '../data/request'

export const metadata: Metadata = { description: 'Answers to what visitors ask.', title: 'FAQ' }

/** Every published FAQ entry on one page, each at `#<slug>`, which is where the chat's citations point. */
export default async function FaqPage() {
  if (building()) return null
  const entries = await site.faq()
  return (
    <>
      <h1>Frequently asked questions</h1>
      {entries.length === 0 ? (
        <p>No answers are published yet.</p>
      ) : (
        entries.map((entry) => (
          <section className="entry" id={entry.slug ?? undefined} key={entry.id}>
            <h2>{entry.question}</h2>
            <RichText data={entry.answer} />
          </section>
        ))
      )}
    </>
  )
}
