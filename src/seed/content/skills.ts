import type { Skill } from '../../../payload-types'

export type SeedSkill = Pick<Skill, 'category' | 'description' | 'level' | 'name'>

export const skills: SeedSkill[] = [
  {
    name: 'TypeScript',
    category: 'language',
    level: 'expert',
    description:
      'My default language for services and front ends. I lean on strict mode, discriminated unions and types generated from schemas rather than written by hand.',
  },
  {
    name: 'Node.js',
    category: 'framework',
    level: 'expert',
    description:
      'HTTP services, workers and command-line tools. Comfortable with streams, back-pressure and profiling the event loop when latency creeps up.',
  },
  {
    name: 'PostgreSQL',
    category: 'database',
    level: 'advanced',
    description:
      'Schema design, zero-downtime migrations, full-text search, query plans and partial indexes. Most of my projects keep their queue, search and audit trail in Postgres too.',
  },
  {
    name: 'React',
    category: 'framework',
    level: 'advanced',
    description: 'Accessible interfaces, server components, and forms that survive flaky networks.',
  },
  {
    name: 'Next.js',
    category: 'framework',
    level: 'advanced',
    description: 'App Router sites with static generation where it pays and streaming where it does not.',
  },
  {
    name: 'Payload CMS',
    category: 'framework',
    level: 'advanced',
    description: 'Content models, access control, hooks and plugins for editorial teams.',
  },
  {
    name: 'Docker',
    category: 'tool',
    level: 'intermediate',
    description: 'Small, reproducible images and local stacks that match production closely enough to trust.',
  },
  {
    name: 'AWS',
    category: 'cloud',
    level: 'intermediate',
    description: 'ECS, RDS, S3, SQS and CloudFront, provisioned with infrastructure as code.',
  },
  {
    name: 'Automated testing',
    category: 'practice',
    level: 'expert',
    description:
      'Integration tests against real databases and browsers, property-based tests for parsers, and a habit of checking that every test can fail.',
  },
  {
    name: 'Technical writing',
    category: 'soft skill',
    level: 'advanced',
    description: 'Design documents, runbooks and decision logs that people actually read.',
  },
]
