// A signal from the inbox page to the header's bell that the unread count changed (read or read-all),
// so the bell asks the server again instead of waiting for the next minute.
import { ref } from 'vue'

export const unreadChanged = ref(0)

export function notifyUnreadChanged(): void {
  unreadChanged.value += 1
}
