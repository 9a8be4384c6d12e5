/**
 * IpAddress / NotIpAddress: "The value must be in the standard CIDR format (for example,
 * 203.0.113.0/24 or 2001:DB8:1234:5678::/64). If you specify an IP address without the associated
 * routing prefix, IAM uses the default prefix value of /32" (IAM UG, "Condition operators": IP
 * address); for an IPv6 address the whole address (/128). IPv4 is only dotted four-part decimal:
 * ipaddr.js would also read `127.1` or hex forms, which AWS does not document. An IPv4-mapped IPv6
 * address (::ffff:a.b.c.d) is compared as its IPv4 address, on both sides, as ipaddr.process does.
 */
import ipaddr from 'ipaddr.js';

interface Address {
  v6: boolean;
  /** IPv4 as one unsigned 32-bit number in `words[0]`; IPv6 as eight 16-bit words. */
  words: readonly number[];
}

export interface IpRange extends Address {
  bits: number;
  text: string;
}

function fromParsed(addr: ipaddr.IPv4 | ipaddr.IPv6): Address {
  if (addr.kind() === 'ipv6') {
    const v6 = addr as ipaddr.IPv6;
    if (!v6.isIPv4MappedAddress()) return { v6: true, words: v6.parts.slice() };
    return fromParsed(v6.toIPv4Address());
  }
  const [a, b, c, d] = (addr as ipaddr.IPv4).octets as [number, number, number, number];
  return { v6: false, words: [((a << 24) | (b << 16) | (c << 8) | d) >>> 0] };
}

/** A policy value as a range, or undefined when it is not an address or CIDR block. */
export function parseIpRange(text: string): IpRange | undefined {
  const slash = text.indexOf('/');
  if (text.includes(':')) {
    if (slash >= 0 ? !ipaddr.IPv6.isValidCIDR(text) : !ipaddr.IPv6.isValid(text)) return undefined;
    const [addr, bits] = slash >= 0 ? ipaddr.IPv6.parseCIDR(text) : [ipaddr.IPv6.parse(text), 128];
    if (addr.isIPv4MappedAddress() && bits >= 96) {
      return { ...fromParsed(addr.toIPv4Address()), bits: bits - 96, text };
    }
    return { v6: true, words: addr.parts.slice(), bits, text };
  }
  if (
    slash >= 0 ? !ipaddr.IPv4.isValidCIDRFourPartDecimal(text) : !ipaddr.IPv4.isValidFourPartDecimal(text)
  ) {
    return undefined;
  }
  const [addr, bits] = slash >= 0 ? ipaddr.IPv4.parseCIDR(text) : [ipaddr.IPv4.parse(text), 32];
  return { ...fromParsed(addr), bits, text };
}

/** A request value as an address, or undefined. */
export function parseIpAddress(text: string): Address | undefined {
  if (text.includes(':')) {
    return ipaddr.IPv6.isValid(text) ? fromParsed(ipaddr.IPv6.parse(text)) : undefined;
  }
  return ipaddr.IPv4.isValidFourPartDecimal(text) ? fromParsed(ipaddr.IPv4.parse(text)) : undefined;
}

export function inRange(addr: Address, range: IpRange): boolean {
  if (addr.v6 !== range.v6) return false;
  if (!range.v6) {
    if (range.bits === 0) return true;
    return (addr.words[0]! ^ range.words[0]!) >>> (32 - range.bits) === 0;
  }
  let left = range.bits;
  for (let i = 0; i < 8 && left > 0; i++, left -= 16) {
    const diff = addr.words[i]! ^ range.words[i]!;
    if (left >= 16 ? diff !== 0 : diff >>> (16 - left) !== 0) return false;
  }
  return true;
}

/** Any-of matcher over policy ranges; remembers the last request address it parsed. */
export function ipMatcher(ranges: readonly IpRange[]): (value: string) => boolean {
  let lastText: string | undefined;
  let lastAddr: Address | undefined;
  return (value) => {
    if (value !== lastText) {
      lastAddr = parseIpAddress(value);
      lastText = value;
    }
    const addr = lastAddr;
    if (!addr) return false;
    for (const range of ranges) if (inRange(addr, range)) return true;
    return false;
  };
}
