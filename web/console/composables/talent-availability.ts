// When a person of the talent pool is free, as one line ("工作日晚上；周六 09:00–17:00"), and which of the common
// presets their windows are: for the pool's page and TalentSelect, which mediation and the round tables pick with.
import { availabilityPresets, type AvailabilityWindow, type Talent } from '@shared/api/talents'

type Translate = (key: string, values?: Record<string, unknown>) => string
export type Preset = keyof typeof availabilityPresets

export const presets = Object.keys(availabilityPresets) as Preset[]

function sameWindow(a: AvailabilityWindow, b: AvailabilityWindow): boolean {
  return a.from === b.from && a.to === b.to && a.weekdays.join() === b.weekdays.join()
}

export function presetOf(window: AvailabilityWindow): Preset | undefined {
  return presets.find((preset) => sameWindow(availabilityPresets[preset], window))
}

/** Each window by its preset's name, or as its days and hours. */
export function availabilityText(t: Translate, windows: AvailabilityWindow[]): string {
  return windows
    .map((window) => {
      const preset = presetOf(window)
      if (preset) return t(`talents.presets.${preset}`)
      const days = t('talents.weekdayList', { days: window.weekdays.map((day) => t(`talents.weekday.${day}`)).join('、') })
      return t('talents.windowText', { days, from: window.from, to: window.to })
    })
    .join('；')
}

/** How a picker names a candidate: the masked name with when they are free, if the pool knows. */
export function candidateLabel(t: Translate, talent: Talent): string {
  if (!talent.in_pool || talent.availability.length === 0) return talent.name
  return t('talents.freeThen', { name: talent.name, availability: availabilityText(t, talent.availability) })
}

/** Those a picker offers: everyone tagged but those the pool marks as paused. */
export const offered = (talents: Talent[]) => talents.filter((talent) => !talent.in_pool || talent.active)
