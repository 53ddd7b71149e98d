// How a case's state is tagged on the H5, by its type: still being handled, fixed, or settled (outlined,
// since Vant's grey default tag is below AA contrast).
import type { StateType } from '@shared/api/cases'

export const caseStateTags: Record<StateType, { type: 'primary' | 'success'; plain: boolean }> = {
  open: { type: 'primary', plain: false },
  fixed: { type: 'success', plain: false },
  closed: { type: 'primary', plain: true },
}
