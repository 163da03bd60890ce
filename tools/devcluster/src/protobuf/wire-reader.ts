// Protocol Buffers wire format: reads tagged fields (varint, 64-bit, length-delimited, 32-bit).

/** One field as it appears on the wire. */
export type WireField =
  | { readonly number: number; readonly wireType: 0; readonly value: bigint }
  | { readonly number: number; readonly wireType: 1; readonly value: Uint8Array }
  | { readonly number: number; readonly wireType: 2; readonly value: Uint8Array }
  | { readonly number: number; readonly wireType: 5; readonly value: Uint8Array };

function readVarint(bytes: Uint8Array, at: { pos: number }): bigint {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    if (at.pos >= bytes.length) throw new Error('truncated varint');
    const byte = bytes[at.pos++] ?? 0;
    result |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return result;
    shift += 7n;
    if (shift > 63n) throw new Error('varint too long');
  }
}

function take(bytes: Uint8Array, at: { pos: number }, length: number): Uint8Array {
  if (at.pos + length > bytes.length) throw new Error('truncated field');
  const out = bytes.subarray(at.pos, at.pos + length);
  at.pos += length;
  return out;
}

/** Every field of one message, in wire order; throws on malformed input. */
export function readFields(bytes: Uint8Array): WireField[] {
  const fields: WireField[] = [];
  const at = { pos: 0 };
  while (at.pos < bytes.length) {
    const key = readVarint(bytes, at);
    const number = Number(key >> 3n);
    const wireType = Number(key & 7n);
    if (wireType === 0) fields.push({ number, wireType, value: readVarint(bytes, at) });
    else if (wireType === 1) fields.push({ number, wireType, value: take(bytes, at, 8) });
    else if (wireType === 2) fields.push({ number, wireType, value: take(bytes, at, Number(readVarint(bytes, at))) });
    else if (wireType === 5) fields.push({ number, wireType, value: take(bytes, at, 4) });
    else throw new Error(`unsupported wire type ${wireType}`);
  }
  return fields;
}

/** A varint reinterpreted as a signed 64-bit integer (int64/int32 encode negatives as two's complement). */
export function signed(value: bigint): number {
  return Number(BigInt.asIntN(64, value));
}
