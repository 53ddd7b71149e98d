// What the unit page's three drawers add: a contact, an agreement, a resource sunk to nodes; each form's empty
// state, its checks and how it is sent, so that one drawer component serves all three.
import type { FormRules } from 'element-plus'
import { addAgreement, addContact, addResource, type ResourceKind } from '@shared/api/partners'
import { choiceRequired, textRequired } from '../../../../composables/form-rules'

export type Adding = 'contact' | 'agreement' | 'resource'

export interface AddModel {
  name: string
  role: string
  phone: string
  title: string
  signedOn: string
  validTo: string
  summary: string
  kind: ResourceKind | undefined
  description: string
  venueId: number | undefined
  serves: number[]
}

export const emptyModel = (): AddModel => ({
  name: '',
  role: '',
  phone: '',
  title: '',
  signedOn: '',
  validTo: '',
  summary: '',
  kind: undefined,
  description: '',
  venueId: undefined,
  serves: [],
})

export const addRules: Record<Adding, FormRules> = {
  contact: { name: textRequired('partners.contactName') },
  agreement: { title: textRequired('partners.titleRequired'), signedOn: textRequired('partners.signedOnRequired') },
  resource: {
    kind: choiceRequired('partners.kindRequired'),
    description: textRequired('partners.descriptionRequired'),
    serves: choiceRequired('partners.servesRequired'),
  },
}

export const addFields = ['name', 'role', 'phone', 'title', 'signed_on', 'valid_to', 'summary', 'kind', 'description', 'venue_id', 'serves'] as const

/** Sends what the drawer holds to the unit; null when a needed choice is missing. */
export function sendAdd(unitId: number, adding: Adding, model: AddModel): Promise<unknown> | null {
  if (adding === 'contact') return addContact(unitId, { name: model.name.trim(), role: model.role.trim(), phone: model.phone.trim() || undefined })
  if (adding === 'agreement')
    return addAgreement(unitId, { title: model.title.trim(), signed_on: model.signedOn, valid_to: model.validTo || undefined, summary: model.summary.trim() })
  if (model.kind === undefined) return null
  return addResource(unitId, {
    kind: model.kind,
    description: model.description.trim(),
    venue_id: model.kind === 'venue' ? model.venueId : undefined,
    serves: model.serves,
  })
}
