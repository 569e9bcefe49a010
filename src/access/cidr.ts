import ipaddr from 'ipaddr.js';

/** A parsed list of address ranges ("10.0.0.0/8", "2001:db8::/32", or single addresses). */
export interface CidrSet {
  readonly ranges: readonly string[];
  contains(ip: string): boolean;
  /** Every address of `other` is in this set (each of its ranges sits inside one of these). */
  covers(other: CidrSet): boolean;
}

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** Parses ranges in CIDR notation (ipaddr.js); throws an Error naming the first bad one. */
export function parseCidrs(list: readonly string[]): CidrSet {
  const ranges = list.map(parseRange);
  const inside = ([address, prefix]: Range) =>
    ranges.some(([network, bits]) => address.kind() === network.kind() && prefix >= bits && address.match(network, bits));
  return {
    ranges: ranges.map(([address, prefix]) => `${address.toString()}/${prefix}`),
    contains(ip) {
      if (!ipaddr.isValid(ip)) return false;
      // process() turns an IPv4 client seen on a dual-stack socket (::ffff:a.b.c.d) back into IPv4.
      const address = ipaddr.process(ip);
      return inside([address, address.kind() === 'ipv4' ? 32 : 128]);
    },
    covers: (other) => other.ranges.map(parseRange).every(inside),
  };
}

function parseRange(text: string): Range {
  const trimmed = text.trim();
  try {
    if (!trimmed.includes('/')) {
      const address = ipaddr.parse(trimmed);
      if (!ipaddr.IPv4.isValidFourPartDecimal(trimmed) && address.kind() === 'ipv4') throw new Error('shorthand IPv4');
      return [address, address.kind() === 'ipv4' ? 32 : 128];
    }
    const [address, prefix] = ipaddr.parseCIDR(trimmed);
    if (address.kind() === 'ipv4' && !ipaddr.IPv4.isValidFourPartDecimal(trimmed.split('/')[0]!)) throw new Error('shorthand IPv4');
    // The network itself, so "10.1.2.3/8" means 10.0.0.0/8.
    const network = address.kind() === 'ipv4' ? ipaddr.IPv4.networkAddressFromCIDR(trimmed) : ipaddr.IPv6.networkAddressFromCIDR(trimmed);
    return [network, prefix];
  } catch {
    throw new Error(`"${trimmed.slice(0, 64)}" is not an IP address or CIDR range`);
  }
}
