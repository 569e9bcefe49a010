import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCidrs } from './cidr.js';

test('membership: IPv4, IPv6, IPv4-mapped clients, single addresses', () => {
  const set = parseCidrs(['10.0.0.0/8', '192.168.1.7', '2001:db8::/32']);
  assert.deepEqual(set.ranges, ['10.0.0.0/8', '192.168.1.7/32', '2001:db8::/32']);
  for (const ip of ['10.255.0.1', '::ffff:10.1.2.3', '192.168.1.7', '2001:db8:1::5']) assert.ok(set.contains(ip), ip);
  for (const ip of ['11.0.0.1', '192.168.1.8', '2001:db9::1', '::1', 'not-an-ip']) assert.ok(!set.contains(ip), ip);
});

test('a range is normalised to its network and covered only when wholly inside', () => {
  const parent = parseCidrs(['10.1.0.0/16', '2001:db8::/48']);
  assert.ok(parent.covers(parseCidrs(['10.1.2.0/24', '10.1.255.255'])));
  assert.ok(parent.covers(parseCidrs(['2001:db8:0:ffff::/64'])));
  assert.ok(!parent.covers(parseCidrs(['10.0.0.0/8'])), 'wider than the parent');
  assert.ok(!parent.covers(parseCidrs(['10.2.0.0/24'])));
  assert.deepEqual(parseCidrs(['10.1.2.3/8']).ranges, ['10.0.0.0/8']);
});

test('bad ranges are refused', () => {
  for (const bad of ['10.0.0.0/33', '10.0.0/8', 'fe80::/129', '10.0.0.0/8/1', '', 'example.com/24']) {
    assert.throws(() => parseCidrs([bad]), /not an IP address or CIDR range/, bad);
  }
});
