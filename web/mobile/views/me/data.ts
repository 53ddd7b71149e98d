// What 我的 leads to: the ways to the resident's pages, and the kinds of today's work it shows as banners.
import type { Permission } from '@shared/permissions'

interface MyPageLink {
  route: string
  titleKey: string
  hintKey: string
  testId: string
  /** Held anywhere, for a page only some people have: 我的 shows its way to them alone. */
  permission?: Permission
}

// The ways from 我的 to the resident's pages, in the order 我的 lists them: each page's route, its title,
// the line under it that says what it holds, and the link's test id.
export const myPageLinks: readonly MyPageLink[] = [
  { route: 'my-votes', titleKey: 'ballot.myVotes', hintKey: 'ballot.myVotesHint', testId: 'my-votes-link' },
  { route: 'my-elections', titleKey: 'electionBallot.myElections', hintKey: 'electionBallot.myElectionsHint', testId: 'my-elections-link' },
  { route: 'covenant', titleKey: 'covenant.mobile.title', hintKey: 'covenant.mobile.hint', testId: 'covenant-link' },
  { route: 'property-contract', titleKey: 'property.mobile.title', hintKey: 'property.mobile.hint', testId: 'property-contract-link' },
  { route: 'my-topics', titleKey: 'deliberation.mobile.title', hintKey: 'deliberation.mobile.hint', testId: 'topics-link' },
  { route: 'case-report', titleKey: 'cases.mobile.report', hintKey: 'cases.mobile.reportHint', testId: 'case-report-link' },
  { route: 'my-cases', titleKey: 'cases.mobile.mine', hintKey: 'cases.mobile.mineHint', testId: 'my-cases-link' },
  { route: 'my-data', titleKey: 'privacy.myData', hintKey: 'privacy.mobile.myDataEntry', testId: 'my-data-link' },
  { route: 'my-access', titleKey: 'access.me.title', hintKey: 'access.me.entry', testId: 'my-access-link' },
  { route: 'my-visitors', titleKey: 'access.visitors.title', hintKey: 'access.visitors.entry', testId: 'my-visitors-link' },
  { route: 'my-events', titleKey: 'engagement.mobile.title', hintKey: 'engagement.mobile.entryHint', testId: 'my-events-link' },
  { route: 'my-surveys', titleKey: 'surveys.mobile.title', hintKey: 'surveys.mobile.entryHint', testId: 'my-surveys-link' },
  {
    route: 'my-evaluations',
    titleKey: 'property.mobileEvaluation.entry',
    hintKey: 'property.mobileEvaluation.hint',
    testId: 'evaluations-link',
    permission: 'property.evaluate.committee',
  },
]

/**
 * The kinds of today's work (GET /api/v1/me/today) that 我的 shows as banners, each with its label and icon: votes
 * and elections the resident can still take part in, cases waiting for their rating, and a committee member's
 * monthly property evaluation sheets still to fill. Their links are H5 routes.
 */
export const bannerKinds: Readonly<Record<string, { labelKey: string; icon: string }>> = {
  'voting.cast': { labelKey: 'mobile.banners.vote', icon: 'records-o' },
  'elections.cast': { labelKey: 'mobile.banners.election', icon: 'friends-o' },
  'cases.rate': { labelKey: 'mobile.banners.rate', icon: 'star-o' },
  'property.evaluation.sheet': { labelKey: 'mobile.banners.evaluationSheet', icon: 'todo-list-o' },
}
