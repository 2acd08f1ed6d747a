/** Which HOST values keep the server to this machine (server.ts refuses the default admin password on the others). */
import { expect, it } from 'vitest'

import { isLoopbackHost } from '../../src/server/isLoopbackHost'

it('counts localhost, 127.0.0.0/8 and ::1 as loopback', () => {
  for (const host of [
    '127.0.0.1',
    'localhost',
    'LOCALHOST',
    '127.1.2.3',
    '::1',
    '[::1]',
    '0:0:0:0:0:0:0:1',
    '::ffff:127.0.0.1',
  ]) {
    expect({ host, loopback: isLoopbackHost(host) }).toEqual({ host, loopback: true })
  }
})

it('counts every other address, the wildcard ones included, as reachable from the network', () => {
  for (const host of [
    '0.0.0.0',
    '::',
    '[::]',
    '192.168.1.20',
    '10.0.0.1',
    '::ffff:10.0.0.1',
    'fe80::1',
    'example.com',
    '128.0.0.1',
    'localhost.example.com',
  ]) {
    expect({ host, loopback: isLoopbackHost(host) }).toEqual({ host, loopback: false })
  }
})
