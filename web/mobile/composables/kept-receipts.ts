// The receipt codes of the resident's own votes, kept on this device when cast: /me/votes says only that an owner
// has voted, never the receipt code, so the vote page can show it again only from here. Kept per account, vote and
// owner voted for, so a shared phone never shows one account's receipt to another.
import { useSessionStore } from '@shared/stores/session'

const prefix = 'weizhi.vote-receipt'

export function useKeptReceipts(voteId: () => number) {
  const session = useSessionStore()
  const key = (voterId: number) => `${prefix}.${session.user?.id ?? 0}.${voteId()}.${voterId}`
  return {
    keep: (voterId: number, code: string) => localStorage.setItem(key(voterId), code),
    kept: (voterId: number) => localStorage.getItem(key(voterId)),
  }
}
