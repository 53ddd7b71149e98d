// Surveys with one voice per household (民意调查, docs/modules/engagement.md#surveys): staff draft, open and
// close them, find a household by address and type in its paper form, and read the results counted from the
// responses; residents list the open surveys of their households and answer once per household.
import { request, requestItems } from './client'
import type { Ref } from './governance'

export type SurveyKind = 'general' | 'satisfaction'
export type SurveyState = 'draft' | 'open' | 'closed'
export type QuestionType = 'single' | 'multiple' | 'scale' | 'text'
export type Channel = 'online' | 'paper'

export const surveyKinds: readonly SurveyKind[] = ['general', 'satisfaction']
export const questionTypes: readonly QuestionType[] = ['single', 'multiple', 'scale', 'text']
export const scaleValues = [1, 2, 3, 4, 5] as const
/** Characters of a free-text answer. */
export const maxAnswerText = 2000

export interface Question {
  text: string
  type: QuestionType
  required: boolean
  options: string[]
  /** Shown only when the earlier choice question (its position from 0) was answered with this option. */
  show_if: { question: number; option: number } | null
}

/** One question's answer: an option's position, positions, a rating 1–5, a text, or null (not answered). */
export type Answer = number | number[] | string | null

export interface Ratio {
  num: number
  den: number
}

export interface FirstResponse {
  id: number
  channel: Channel
  created_at: string
}

export interface Household {
  id: number
  address: string
  /** The household's response, if it answered. */
  response: FirstResponse | null
}

export interface Survey {
  id: number
  title: string
  kind: SurveyKind
  state: SurveyState
  node: Ref
  opens_at: string
  closes_at: string
  questions: Question[]
  created_at: string
  opened_at: string | null
  closed_at: string | null
  /** Staff: the households in scope, those that answered and the rate. */
  households?: number
  responses?: number
  response_rate?: Ratio
  /** The caller's households in its scope, each with whether it answered. */
  my_households?: Household[]
}

export interface NewSurvey {
  node_id: number
  title: string
  kind: SurveyKind
  opens_at: string
  closes_at: string
  questions: Question[]
}

export interface QuestionResult {
  index: number
  text: string
  type: QuestionType
  answered: number
  options?: { option: number; text: string; count: number; share: Ratio }[]
  distribution?: { value: number; count: number; share: Ratio }[]
  mean?: Ratio
  texts?: string[]
}

export interface SurveyGroup {
  node: Ref
  households: number
  responses: number
  response_rate: Ratio
  questions: QuestionResult[]
}

export interface SurveyResults {
  survey: Survey
  households: number
  responses: number
  response_rate: Ratio
  questions: QuestionResult[]
  by: 'compound' | 'building' | null
  groups: SurveyGroup[]
}

export interface SubmittedResponse {
  id: number
  survey_id: number
  household: { id: number; address: string }
  channel: Channel
  paper_form_number: string | null
  created_at: string
}

const surveys = '/api/v1/surveys'

/** Surveys under a node (default: the user's street), the latest closing first, with their response rates. */
export function listSurveys(query: { node?: number }): Promise<Survey[]> {
  return requestItems<Survey>('GET', surveys, { query })
}

export function getSurvey(id: number): Promise<Survey> {
  return request<Survey>('GET', `${surveys}/${id}`)
}

export function createSurvey(survey: NewSurvey): Promise<Survey> {
  return request<Survey>('POST', surveys, { body: survey })
}

/** A draft only (409 once opened). */
export function updateSurvey(id: number, change: Partial<Omit<NewSurvey, 'node_id'>>): Promise<Survey> {
  return request<Survey>('PATCH', `${surveys}/${id}`, { body: change })
}

/** Opening freezes the questions; closing ends the responses. */
export function moveSurvey(id: number, to: 'open' | 'close'): Promise<Survey> {
  return request<Survey>('POST', `${surveys}/${id}/${to}`, { body: {} })
}

/** Online (a resident, `household_id` when they have several) or paper (staff: household and form number). 409
 *  naming household_id for a household that answered already, with how and when. */
export function respond(id: number, body: { answers: Answer[]; household_id?: number; paper_form_number?: string }): Promise<SubmittedResponse> {
  return request<SubmittedResponse>('POST', `${surveys}/${id}/responses`, { body })
}

/** Up to 20 households of the survey's scope at a typed address, each with its response if any. */
export function findHouseholds(id: number, address: string): Promise<Household[]> {
  return requestItems<Household>('GET', `${surveys}/${id}/households`, { query: { address } })
}

export function surveyResults(id: number, by?: 'compound' | 'building'): Promise<SurveyResults> {
  return request<SurveyResults>('GET', `${surveys}/${id}/results`, { query: { by } })
}

/** The open surveys of the resident's households, each with whether each household answered. */
export function mySurveys(): Promise<{ person_id: number | null; items: Survey[] }> {
  return request<{ person_id: number | null; items: Survey[] }>('GET', '/api/v1/me/surveys')
}

/** Which questions are shown for the answers so far: a branch when the question it follows is shown and
 *  was answered with its option (the server's rule, docs/rules.md#h-survey-answers). */
export function shownQuestions(questions: Question[], answers: Answer[]): boolean[] {
  const shown: boolean[] = []
  questions.forEach((question, index) => {
    const condition = question.show_if
    if (!condition) {
      shown.push(true)
      return
    }
    const answer = answers[condition.question]
    const chosen = Array.isArray(answer) ? answer : typeof answer === 'number' ? [answer] : []
    shown.push(condition.question < index && shown[condition.question] === true && chosen.includes(condition.option))
  })
  return shown
}

/** The answers as sent: hidden questions' answers dropped, blank texts and empty choices as null. */
export function answersToSend(questions: Question[], answers: Answer[]): Answer[] {
  const shown = shownQuestions(questions, answers)
  return questions.map((_, index) => {
    const answer = answers[index] ?? null
    if (!shown[index]) return null
    if (typeof answer === 'string' && !answer.trim()) return null
    if (Array.isArray(answer) && !answer.length) return null
    return answer
  })
}

/** A ratio as a percentage with one decimal, or — without a denominator. */
export function percent(ratio: Ratio): string {
  return ratio.den ? `${((100 * ratio.num) / ratio.den).toFixed(1)}%` : '—'
}

/** A mean as a number with two decimals, or —. */
export function meanText(ratio: Ratio | undefined): string {
  return ratio && ratio.den ? (ratio.num / ratio.den).toFixed(2) : '—'
}
