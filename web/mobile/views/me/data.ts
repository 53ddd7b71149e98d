// The ways from 我的 to the resident's pages, in the order 我的 lists them: each page's route, its title,
// the line under it that says what it holds, and the link's test id.
export const myPageLinks = [
  { route: 'my-votes', titleKey: 'ballot.myVotes', hintKey: 'ballot.myVotesHint', testId: 'my-votes-link' },
  { route: 'my-elections', titleKey: 'electionBallot.myElections', hintKey: 'electionBallot.myElectionsHint', testId: 'my-elections-link' },
  { route: 'covenant', titleKey: 'covenant.mobile.title', hintKey: 'covenant.mobile.hint', testId: 'covenant-link' },
  { route: 'my-topics', titleKey: 'deliberation.mobile.title', hintKey: 'deliberation.mobile.hint', testId: 'topics-link' },
  { route: 'case-report', titleKey: 'cases.mobile.report', hintKey: 'cases.mobile.reportHint', testId: 'case-report-link' },
  { route: 'my-cases', titleKey: 'cases.mobile.mine', hintKey: 'cases.mobile.mineHint', testId: 'my-cases-link' },
] as const
