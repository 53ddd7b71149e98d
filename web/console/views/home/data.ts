// The overview's figures and charts, described as data: which figures are cards, and how the
// organisation statistics become chart options (labels come through `t`).
import type { OrganizationStats } from '@shared/api/governance'
import { partyForms } from '@shared/api/governance'
import type { ChartOption } from '../../components/charts/EChart.vue'

type Translate = (key: string) => string

export const figureCards: readonly { key: keyof OrganizationStats; labelKey: string }[] = [
  { key: 'communities', labelKey: 'overview.communities' },
  { key: 'compounds', labelKey: 'overview.compounds' },
  { key: 'buildings', labelKey: 'overview.buildings' },
  { key: 'parts', labelKey: 'overview.parts' },
  { key: 'commissioners', labelKey: 'overview.commissioners' },
]

/** Chain colours: complete reads as done, missing as a gap that needs filling. */
const completeColour = '#2e7d32'
const missingColour = '#c62828'

/** A ring chart whose legend carries each value (outer labels would crowd a card this narrow). */
function ringChart(slices: { name: string; value: number; itemStyle?: { color: string } }[]): ChartOption {
  const valueOf = new Map(slices.map((slice) => [slice.name, slice.value]))
  return {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0, formatter: (name: string) => `${name} ${valueOf.get(name) ?? 0}` },
    series: [{ type: 'pie', radius: ['35%', '62%'], center: ['50%', '42%'], label: { show: false }, data: slices }],
  }
}

export function partyFormsChart(stats: OrganizationStats, t: Translate): ChartOption {
  return ringChart(partyForms.map((form) => ({ name: t(`partyForms.${form}`), value: stats.party_forms[form] ?? 0 })))
}

export function backgroundsChart(stats: OrganizationStats, t: Translate): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 16, top: 24, bottom: 48 },
    xAxis: {
      type: 'category',
      axisLabel: { interval: 0, width: 70, overflow: 'break' },
      data: [t('overview.commissioners'), t('backgrounds.from_two_committees'), t('backgrounds.also_party_secretary')],
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        barMaxWidth: 48,
        label: { show: true, position: 'top' },
        data: [
          stats.commissioners,
          stats.commissioners_from_two_committees,
          stats.commissioners_also_party_secretary,
        ],
      },
    ],
  }
}

export function coverageChart(stats: OrganizationStats, t: Translate): ChartOption {
  return ringChart([
    { name: t('overview.chainComplete'), value: stats.compounds_with_complete_chain, itemStyle: { color: completeColour } },
    { name: t('overview.chainMissing'), value: stats.compounds_missing_chain, itemStyle: { color: missingColour } },
  ])
}
