// What the voting pages share besides the API: the wizard's form (its limits are the server's, from the vote
// matters) and the state changes organisers make on the vote page.
import {
  channels,
  type Channel,
  type Extension,
  type FollowMajority,
  type ScopeKind,
  type VoteDocument,
  type VoteState,
} from '@shared/api/voting'

/** A change of a vote's state, offered in the state it starts from; `confirm` and `done` are i18n keys. */
export interface VoteStateChange {
  action: 'open' | 'close' | 'publish'
  from: VoteState
  primary: boolean
  /** What to confirm first, for a change that cannot be undone by the organiser. */
  confirm: string | null
  /** What the toast says once it is made. */
  done: string
}

export const voteStateChanges: readonly VoteStateChange[] = [
  { action: 'open', from: 'draft', primary: true, confirm: 'voting.openConfirm', done: 'voting.opened' },
  { action: 'close', from: 'open', primary: false, confirm: null, done: 'voting.closed' },
  { action: 'publish', from: 'closed', primary: true, confirm: 'voting.publishConfirm', done: 'voting.published' },
]

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
  documents: VoteDocument[]
  photos: string[]
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
    documents: [],
    photos: [],
  }
}
