/**
 * Redis Cluster's key → slot mapping (CRC16/XMODEM of the hash tag, or of the whole key when
 * there is none, modulo 16384), as specified in the Redis Cluster specification. The tests
 * use it to prove keys used together land in one slot without needing a cluster.
 */
function crc16(input: Buffer): number {
  let crc = 0;
  for (const byte of input) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc;
}

export function hashTagOf(key: string): string {
  const open = key.indexOf('{');
  if (open === -1) return key;
  const close = key.indexOf('}', open + 1);
  if (close === -1 || close === open + 1) return key;
  return key.slice(open + 1, close);
}

export function keySlot(key: string): number {
  return crc16(Buffer.from(hashTagOf(key))) % 16384;
}
