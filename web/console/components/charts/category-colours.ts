// The colours of a map coloured by category (CompoundMap), one per category in the answer's order, so that a
// list beside the map shows each category in the colour its compounds are drawn in.

// Hues a golden angle apart stay distinct however many categories there are.
export function categoryColour(index: number): string {
  return `hsl(${Math.round((210 + index * 137.5) % 360)}, 60%, 58%)`
}
