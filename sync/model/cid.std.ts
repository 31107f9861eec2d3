/**
 * The 13-digit Thai citizen id: check digit (weights 13..2, check = (11 − sum mod 11) mod 10) and person type
 * (first digit 0-8, every type accepted at registration).
 */
export function cidCheckDigit(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += Number(first12[i]) * (13 - i);
  return (11 - (sum % 11)) % 10;
}

export function isValidCid(cid: string): boolean {
  if (!/^\d{13}$/.test(cid)) return false;
  return cidCheckDigit(cid.slice(0, 12)) === Number(cid[12]);
}

/** Person type = first digit. 9 is not assigned; the caller warns but does not refuse. */
export function personType(cid: string): number {
  return Number(cid[0]);
}

/** `1-2345-67890-12-3` for display. */
export function formatCid(cid: string): string {
  return `${cid.slice(0, 1)}-${cid.slice(1, 5)}-${cid.slice(5, 10)}-${cid.slice(10, 12)}-${cid.slice(12)}`;
}
