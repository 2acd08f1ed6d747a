export const profile = {
  name: 'Maya Lindqvist',
  headline: 'Backend and platform engineer: Postgres, TypeScript, and systems that explain themselves',
  location: 'Lisbon, Portugal',
  bio: `I build backend systems and the internal tools around them. For the last nine years I have worked on
payments, logistics and publishing platforms, usually as the person who ends up owning the database.

I care about boring reliability: migrations that never lock a table, queues that survive restarts, and audit
trails that answer "who changed this?" in one query. I write about what I learn on this site.

I am open to contract work on Postgres performance, search, and content platforms built on Payload CMS.`,
  socialLinks: [
    { platform: 'github' as const, url: 'https://github.com/example-maya' },
    { platform: 'linkedin' as const, url: 'https://www.linkedin.com/in/example-maya' },
    { platform: 'website' as const, url: 'https://maya.example.com' },
  ],
}
