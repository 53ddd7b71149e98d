// A vote's result as both apps explain it: per item the outcome and the four ratios
// (docs/rules.md#a-result-shows-ratios), each shown as num/den and a percentage beside its bound and whether it
// meets it, both as the server judged them.
import type { Bound, CheckedRatio, Fraction, ItemRatios, Outcome, Publication, Threshold } from './api/voting'
import { formatArea } from './format'

/** "66.67%", rounded down so that a ratio just short of its bound never reads as reaching it. */
export function percent({ num, den }: Fraction): string {
  if (den === 0) return '—'
  const basisPoints = (BigInt(num) * 10000n) / BigInt(den)
  return `${(Number(basisPoints) / 100).toFixed(2)}%`
}

/** "≥ 2/3", "> 1/2": a bound as the law words it. */
export function boundText(bound: Bound): string {
  return `${bound.reached === 'at_the_bound' ? '≥' : '>'} ${bound.num}/${bound.den}`
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

/** The four ratios of one item, quorum first. */
export function ratioRows(ratios: ItemRatios): RatioRow[] {
  const row = (key: RatioRow['key'], { num, den, met }: CheckedRatio, inArea: boolean, bound: Bound): RatioRow => ({
    key,
    fraction: { num, den },
    inArea,
    bound,
    met,
  })
  return [
    row('quorumArea', ratios.quorum.area, true, ratios.quorum.bound),
    row('quorumCount', ratios.quorum.count, false, ratios.quorum.bound),
    row('approvalArea', ratios.approval.area, true, ratios.approval.bound),
    row('approvalCount', ratios.approval.count, false, ratios.approval.bound),
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
  return publication.result.items.flatMap((item) => {
    const ratios = publication.ratios.find((judged) => judged.item === item.item)
    if (!ratios) return []
    return [
      {
        number: item.item,
        text: publication.vote.items[item.item - 1] ?? '',
        threshold: item.threshold,
        outcome: item.outcome,
        ratios: ratioRows(ratios),
      },
    ]
  })
}
