import net from 'node:net'

/**
 * Whether listening on `host` keeps the server to this machine: `localhost`, 127.0.0.0/8 and ::1
 * (also IPv4-mapped). Anything else, 0.0.0.0 and :: included, is reachable from the network.
 */
export function isLoopbackHost(host: string): boolean {
  const name = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
  if (name === 'localhost') return true
  const ipv4 = name.startsWith('::ffff:') ? name.slice('::ffff:'.length) : name
  if (net.isIPv4(ipv4)) return ipv4.startsWith('127.')
  return net.isIPv6(name) && new net.SocketAddress({ address: name, family: 'ipv6' }).address === '::1'
}
