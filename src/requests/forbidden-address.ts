/**
 * Link-local and cloud metadata addresses, in every spelling (SPEC section 5: "always refused").
 *
 * Addresses are read with the WHATWG URL parser, the one the HTTP client connects with, so an address is judged in
 * the form it is connected to: decimal, octal, hex and short IPv4 forms, full-width digits, a trailing dot and
 * every IPv6 spelling come out canonical. IPv6 forms that carry an IPv4 address (mapped, compatible, translated,
 * NAT64, 6to4, Teredo, ISATAP) are judged by the IPv4 address they carry, since that is where the packets go.
 */

/** An IPv4 range: network address and prefix length. */
type Ipv4Range = readonly [network: number, prefix: number];
/** An IPv6 range: eight 16-bit groups and a prefix length. */
type Ipv6Range = readonly [groups: readonly number[], prefix: number];

const FORBIDDEN_IPV4: readonly Ipv4Range[] = [
  // Link-local; holds 169.254.169.254 (AWS, GCP, Azure, OCI, OpenStack), AWS ECS 169.254.170.2, EKS 169.254.170.23.
  [ipv4(169, 254, 0, 0), 16],
  // Alibaba Cloud's metadata service.
  [ipv4(100, 100, 100, 200), 32],
  // Azure's WireServer (VM agent configuration, on every Azure VM, GitHub's hosted runners included).
  [ipv4(168, 63, 129, 16), 32],
];

const FORBIDDEN_IPV6: readonly Ipv6Range[] = [
  // Link-local unicast.
  [[0xfe80, 0, 0, 0, 0, 0, 0, 0], 10],
  // AWS's service addresses: IMDS fd00:ec2::254, EKS Pod Identity fd00:ec2::23.
  [[0xfd00, 0x0ec2, 0, 0, 0, 0, 0, 0], 32],
  // GCP's metadata server over IPv6.
  [[0xfd20, 0x00ce, 0, 0, 0, 0, 0, 0x0254], 128],
  // OCI's metadata service over IPv6.
  [[0xfd00, 0x00c1, 0, 0, 0, 0, 0xa9fe, 0xa9fe], 128],
  // Local-use NAT64 (RFC 8215): the IPv4 address sits where the operator's prefix length puts it.
  [[0x0064, 0xff9b, 0x0001, 0, 0, 0, 0, 0], 48],
];

/**
 * True when `address` (an IP literal, IPv6 with or without brackets, or a resolver's answer with a zone index
 * such as `fe80::1%eth0`) is link-local or a cloud metadata address. A hostname that is not an IP literal is
 * false: its resolved addresses are what to check.
 */
export function isForbiddenAddress(address: string): boolean {
  const parsed = parseAddress(address);
  if (parsed === undefined) return false;
  if (parsed.kind === 'ipv4') return isForbiddenIpv4(parsed.value);
  const groups = parsed.value;
  if (FORBIDDEN_IPV6.some(([network, prefix]) => matchesIpv6(groups, network, prefix))) return true;
  const embedded = readEmbeddedIpv4(groups);
  return embedded !== undefined && isForbiddenIpv4(embedded);
}

type ParsedAddress =
  | { readonly kind: 'ipv4'; readonly value: number }
  | { readonly kind: 'ipv6'; readonly value: readonly number[] };

function parseAddress(address: string): ParsedAddress | undefined {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (bare.includes(':')) {
    // A zone index (`%eth0`) does not change an address's scope; WHATWG URL rejects it, so it goes first.
    const zone = bare.indexOf('%');
    const groups = parseIpv6(zone === -1 ? bare : bare.slice(0, zone));
    return groups === undefined ? undefined : { kind: 'ipv6', value: groups };
  }
  const hostname = canonicalHostname(bare);
  if (hostname === undefined) return undefined;
  // WHATWG URL writes an IPv4 host as four decimal numbers, and a domain cannot end in a number.
  const parts = hostname.split('.');
  if (parts.length !== 4 || !parts.every((part) => part !== '' && /^\d+$/.test(part))) return undefined;
  const [a = 0, b = 0, c = 0, d = 0] = parts.map(Number);
  return { kind: 'ipv4', value: ipv4(a, b, c, d) };
}

/** The eight groups of an IPv6 literal, read from the canonical form WHATWG URL gives it. */
function parseIpv6(text: string): number[] | undefined {
  const hostname = canonicalHostname(`[${text}]`);
  if (hostname === undefined) return undefined;
  // Canonical: lower-case hex groups, at most one `::`, no dotted quad (RFC 5952 as WHATWG serialises it).
  const [head = '', tail] = hostname.slice(1, -1).split('::');
  const read = (half: string): number[] =>
    half === '' ? [] : half.split(':').map((group) => Number.parseInt(group, 16));
  const front = read(head);
  if (tail === undefined) return front;
  const back = read(tail);
  return [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
}

function canonicalHostname(host: string): string | undefined {
  try {
    return new URL(`http://${host}/`).hostname;
  } catch {
    return undefined;
  }
}

/** The IPv4 address an IPv6 transition form carries, if it is one. */
function readEmbeddedIpv4(groups: readonly number[]): number | undefined {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = groups;
  const last32 = (g6 * 0x10000 + g7) >>> 0;
  const zeros = (count: number): boolean => groups.slice(0, count).every((group) => group === 0);
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible, deprecated but still routed by some stacks).
  if (zeros(5) && (g5 === 0xffff || g5 === 0)) return last32;
  // ::ffff:0:a.b.c.d (SIIT translated).
  if (zeros(4) && g4 === 0xffff && g5 === 0) return last32;
  // 64:ff9b::a.b.c.d (well-known NAT64 prefix, RFC 6052).
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return last32;
  // 2002:aabb:ccdd::/48 (6to4).
  if (g0 === 0x2002) return (g1 * 0x10000 + g2) >>> 0;
  // 2001:0::/32 (Teredo): the client's address, inverted, in the last 32 bits.
  if (g0 === 0x2001 && g1 === 0) return ~last32 >>> 0;
  // ISATAP interface identifier ::0:5efe:a.b.c.d or ::200:5efe:a.b.c.d, under any prefix.
  if ((g4 & 0xfdff) === 0 && g5 === 0x5efe) return last32;
  return undefined;
}

function isForbiddenIpv4(value: number): boolean {
  return FORBIDDEN_IPV4.some(([network, prefix]) => {
    const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
    return (value & mask) >>> 0 === network;
  });
}

function matchesIpv6(groups: readonly number[], network: readonly number[], prefix: number): boolean {
  for (let index = 0; index < 8; index += 1) {
    const bits = Math.min(16, Math.max(0, prefix - index * 16));
    if (bits === 0) return true;
    const mask = (0xffff << (16 - bits)) & 0xffff;
    if (((groups[index] ?? 0) & mask) !== ((network[index] ?? 0) & mask)) return false;
  }
  return true;
}

function ipv4(a: number, b: number, c: number, d: number): number {
  return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
}
