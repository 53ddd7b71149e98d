// The media module's photo uploads: the file's bytes go as they are with their own type; what comes back is the id a
// record (a violation, a case) cites.
import { request } from './client'

export interface Photo {
  id: string
  content_type: string
  size_bytes: number
}

/** The formats and size the server accepts, checked here too so a wrong file is named before it is sent. */
export const photoTypes = ['image/jpeg', 'image/png', 'image/webp'] as const
export const maxPhotoBytes = 5 * 1024 * 1024

/** Why a file may not be sent as a photo (the i18n key under photos), or null when it may. */
export function photoProblem(file: File): 'wrongType' | 'tooLarge' | null {
  if (!(photoTypes as readonly string[]).includes(file.type)) return 'wrongType'
  if (file.size > maxPhotoBytes) return 'tooLarge'
  return null
}

export function uploadPhoto(file: File): Promise<Photo> {
  return request<Photo>('POST', '/api/v1/photos', { rawBody: { content: file, contentType: file.type } })
}
