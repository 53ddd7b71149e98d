// The confirm-and-cast cycle of a resident's ballot, shared by owners' votes and committee elections:
// choose, review, cast, receipt. Each review starts one submission with its own Idempotency-Key, which
// every retry of it sends again, so a cast whose answer was lost is never counted twice.
import { ref, shallowRef } from 'vue'
import { newIdempotencyKey, toApiError, type ApiError } from '@shared/api/client'

export interface BallotCast<Receipt> {
  /** Casts the reviewed ballot under `idempotencyKey`; null when there is none to cast. */
  send: (idempotencyKey: string) => Promise<Receipt> | null
  /** After the ballot went in. */
  cast?: (receipt: Receipt) => void
  /** After the server refused it or could not be reached, before the reason is shown. */
  refused?: (error: ApiError) => void
}

export function useBallotCast<Receipt>({ send, cast, refused }: BallotCast<Receipt>) {
  const step = ref<'choose' | 'confirm' | 'receipt'>('choose')
  const castError = ref('')
  const casting = ref(false)
  const receipt = shallowRef<Receipt | null>(null)
  let idempotencyKey = ''

  function review() {
    castError.value = ''
    idempotencyKey = newIdempotencyKey()
    step.value = 'confirm'
  }

  async function submit() {
    const sending = send(idempotencyKey)
    if (!sending) return
    casting.value = true
    castError.value = ''
    try {
      receipt.value = await sending
      step.value = 'receipt'
      cast?.(receipt.value)
    } catch (error) {
      const apiError = toApiError(error)
      refused?.(apiError)
      castError.value = apiError.message
    } finally {
      casting.value = false
    }
  }

  /** Back to an empty choice, e.g. to vote next for another owner one is proxy for. */
  function startOver() {
    receipt.value = null
    step.value = 'choose'
  }

  return { step, castError, casting, receipt, review, submit, startOver }
}
