// A vote's result as both apps explain it: per item the outcome and the four ratios
// (docs/rules.md#a-result-shows-ratios), each shown as num/den and a percentage, and checked against its
// bound exactly (integer cross-multiplication, never floats).
import type { Fraction, ItemResult, Outcome, Publication, Threshold } from './api/voting'
import { formatArea } from './format'

/** The bounds of Art. 278: quorum ≥ 2/3; approval > 1/2 or ≥ 3/4. */
export type Bound = 'quorum' | Threshold

function meets({ num, den }: Fraction, bound: Bound): boolean {
  if (den === 0) return false
  const [n, d] = [BigInt(num), BigInt(den)]
  if (bound === 'quorum') return n * 3n >= d * 2n
  if (bound === 'three_quarters') return n * 4n >= d * 3n
  return n * 2n > d
}

/** "66.67%", rounded down so that a ratio just short of its bound never reads as reaching it. */
export function percent({ num, den }: Fraction): string {
  if (den === 0) return '—'
  const basisPoints = (BigInt(num) * 10000n) / BigInt(den)
  return `${(Number(basisPoints) / 100).toFixed(2)}%`
}

export interface RatioRow {
  /** i18n key under voting.ratios. */
  key: 'quorumArea' | 'quorumCount' | 'approvalArea' | 'approvalCount'
  fraction: Fraction
  /** Whether the ratio is in 0.01 m² (shown as areas) or in owners. */
  inArea: boolean
  bound: Bound
  met: boolean
}

/** What the ratios of one counted item are computed from: a published result's item, or a consent vote's result. */
export type RatioInputs = Pick<ItemResult, 'threshold'> & {
  quorum: { area: Fraction; count: Fraction }
  approval: { area: Fraction; count: Fraction }
}

/** The four ratios of one item, quorum first. */
export function ratioRows(item: RatioInputs): RatioRow[] {
  const row = (key: RatioRow['key'], fraction: Fraction, inArea: boolean, bound: Bound): RatioRow => ({
    key,
    fraction,
    inArea,
    bound,
    met: meets(fraction, bound),
  })
  return [
    row('quorumArea', item.quorum.area, true, 'quorum'),
    row('quorumCount', item.quorum.count, false, 'quorum'),
    row('approvalArea', item.approval.area, true, item.threshold),
    row('approvalCount', item.approval.count, false, item.threshold),
  ]
}

/** num/den as shown: areas in m² with two decimals, owners as whole numbers. */
export function fractionText(row: Pick<RatioRow, 'fraction' | 'inArea'>): string {
  const { num, den } = row.fraction
  return row.inArea ? `${formatArea(num)} / ${formatArea(den)} m²` : `${num} / ${den}`
}

/** The tag of an outcome, the same in Element Plus and Vant: green when passed, red when it failed either way. */
export function outcomeTagType(outcome: Outcome): 'success' | 'danger' {
  return outcome === 'passed' ? 'success' : 'danger'
}

/** One item of a published result as it is shown: its text, the rule applied, the outcome and the four ratios. */
export interface ResultItem {
  number: number
  text: string
  threshold: Threshold
  outcome: Outcome
  ratios: RatioRow[]
}

export function resultItems(publication: Publication): ResultItem[] {
  return publication.result.items.map((item) => ({
    number: item.item,
    text: publication.vote.items[item.item - 1] ?? '',
    threshold: item.threshold,
    outcome: item.outcome,
    ratios: ratioRows(item),
  }))
}
