// Figures as the property screens show them, computed here from the API's integers and exact fractions, so a test
// compares the screen with the server's numbers rather than with the screen's own formatting.

/** Fen as every property screen shows them: "¥1,234.56", computed from the integer. */
export function shownFen(fen) {
  const whole = Math.floor(Math.abs(fen) / 100).toLocaleString('en-US')
  return `${fen < 0 ? '-' : ''}¥${whole}.${String(Math.abs(fen) % 100).padStart(2, '0')}`
}

/** An exact fraction to two places, cut as the screens cut it: 7973/100 → "79.73". */
export function twoPlaces({ num, den }) {
  const cut = (BigInt(num) * 100n) / BigInt(den)
  return `${cut / 100n}.${String(cut % 100n).padStart(2, '0')}`
}

/** The month before `month` (YYYY-MM). */
export function monthBefore(month) {
  const [year, number] = month.split('-').map(Number)
  return number === 1 ? `${year - 1}-12` : `${year}-${String(number - 1).padStart(2, '0')}`
}
