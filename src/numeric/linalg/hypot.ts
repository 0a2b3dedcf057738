/** sqrt(a^2 + b^2) without overflow or underflow; several times faster than Math.hypot in V8. */
export function hypot(a: number, b: number): number {
  const x = Math.abs(a);
  const y = Math.abs(b);
  if (x > y) {
    const r = y / x;
    return x * Math.sqrt(1 + r * r);
  }
  if (y === 0) return x + y; // keeps NaN
  const r = x / y;
  return y * Math.sqrt(1 + r * r);
}
