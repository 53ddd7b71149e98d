// Street dates (Asia/Shanghai, no daylight saving) as the server computes them, for tests that check
// deadlines and periods shown on screen.

/** Today in the street as YYYY-MM-DD. */
export const streetToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)

/** A YYYY-MM-DD date plus whole days. */
export const addDays = (date, days) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
