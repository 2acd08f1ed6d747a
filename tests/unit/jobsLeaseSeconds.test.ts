import { afterEach, expect, it } from 'vitest'

import { jobsLeaseSeconds } from '../../src/config/env'

afterEach(() => {
  delete process.env.JOBS_LEASE_SECONDS
})

it('defaults to 120 s and takes a whole number of seconds', () => {
  expect(jobsLeaseSeconds()).toBe(120)
  process.env.JOBS_LEASE_SECONDS = '30'
  expect(jobsLeaseSeconds()).toBe(30)
})

it.each(['0', '1', '1.5', 'abc', '-5'])(
  'refuses %s, which would release live jobs or flood the database with heartbeats',
  (value) => {
    process.env.JOBS_LEASE_SECONDS = value
    expect(() => jobsLeaseSeconds()).toThrow(/JOBS_LEASE_SECONDS must be a whole number of seconds, at least 2/)
  },
)
