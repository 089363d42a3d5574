import { describe, expect, it } from 'vitest';

import { isForbiddenAddress } from '../../../src/requests/forbidden-address.js';

describe('isForbiddenAddress: link-local and metadata addresses in every spelling', () => {
  it.each([
    // IPv4 link-local and the metadata services.
    '169.254.169.254',
    '169.254.0.1',
    '169.254.255.255',
    '169.254.170.2',
    '100.100.100.200',
    '168.63.129.16',
    // Spellings WHATWG URL reads as those: short, decimal, octal, hex, trailing dot, full-width digits.
    '169.254.1',
    '169.254.43518',
    '2852039166',
    '0xA9FEA9FE',
    '0251.0376.0251.0376',
    '169.254.169.254.',
    '\uff11\uff16\uff19\uff0e\uff12\uff15\uff14\uff0e\uff11\uff16\uff19\uff0e\uff12\uff15\uff14',
    // IPv6 link-local, with brackets, upper-case, a zone index.
    'fe80::1',
    '[fe80::1]',
    'FE80::ABCD:1',
    'febf:ffff::1',
    'fe80::1%eth0',
    '[fe80::1%25eth0]',
    // Cloud metadata over IPv6: AWS IMDS and EKS Pod Identity, GCP, OCI.
    'fd00:ec2::254',
    'fd00:ec2:0:0:0:0:0:254',
    'fd00:ec2::23',
    'fd20:ce::254',
    'fd00:c1::a9fe:a9fe',
    // IPv4-mapped, in dotted and hex form, written in full.
    '::ffff:169.254.169.254',
    '::ffff:a9fe:a9fe',
    '[::ffff:a9fe:a9fe]',
    '0:0:0:0:0:ffff:a9fe:a9fe',
    '::FFFF:169.254.169.254',
    '::ffff:100.100.100.200',
    // IPv4-compatible and SIIT-translated.
    '::a9fe:a9fe',
    '::169.254.169.254',
    '::ffff:0:a9fe:a9fe',
    '::ffff:0:169.254.169.254',
    // NAT64: the well-known prefix, and the local-use /48 whatever it carries.
    '64:ff9b::a9fe:a9fe',
    '64:ff9b::169.254.169.254',
    '64:ff9b:1::a9fe:a9fe',
    '64:ff9b:1:abcd::1',
    // 6to4, Teredo (inverted client address), ISATAP.
    '2002:a9fe:a9fe::',
    '2002:a9fe:a9fe:1::1',
    '2001:0:4136:e378:8000:63bf:5601:5601',
    'fe90::5efe:169.254.169.254',
    '2001:db8::200:5efe:a9fe:a9fe',
  ])('refuses %s', (address) => {
    expect(isForbiddenAddress(address)).toBe(true);
  });

  it.each([
    '127.0.0.1',
    '::1',
    '[::1]',
    '10.0.0.1',
    '169.253.169.254',
    '169.255.0.1',
    '100.100.100.201',
    'fec0::1',
    'fe7f::1',
    'fd00:ec3::254',
    '::ffff:127.0.0.1',
    '::ffff:0:7f00:1',
    '64:ff9b::7f00:1',
    '2002:7f00:1::',
    '2001:0:4136:e378:8000:63bf:80ff:fffe',
    '2001:db8::1',
    '::',
    // Not IP literals: their resolved addresses are what count.
    'example.com',
    'metadata.google.internal',
    '169.254.169.254.nip.io',
    // Not addresses at all.
    '256.254.1.1',
    '1::2::3',
    '[fe80::1',
    '',
  ])('lets %s through', (address) => {
    expect(isForbiddenAddress(address)).toBe(false);
  });
});
