// What the voting pages share besides the API: the wizard's form (its limits are the server's, from the vote
// matters).
import { channels, type Channel, type Extension, type FollowMajority, type ScopeKind } from '@shared/api/voting'

const dayInMs = 24 * 60 * 60 * 1000

/** The create-vote wizard's form: one object the three steps fill in. */
export interface VoteForm {
  compoundId: number | undefined
  scopeKind: ScopeKind
  scopeNodeIds: number[]
  title: string
  matter: number | undefined
  items: string[]
  window: [Date, Date] | null
  channels: Channel[]
  followMajority: FollowMajority
  extension: Extension
}

/** A new vote: the whole compound, one empty item, open from now for two weeks on every channel. */
export function blankVoteForm(): VoteForm {
  return {
    compoundId: undefined,
    scopeKind: 'compound',
    scopeNodeIds: [],
    title: '',
    matter: undefined,
    items: [''],
    window: [new Date(), new Date(Date.now() + 14 * dayInMs)],
    channels: [...channels],
    followMajority: 'both_dimensions',
    extension: 'once_if_quorum_not_met',
  }
}
