// A list under the node in the address (useNodeInAddressList) as NodeListHeader shows it: the title and node
// label, the picker's cache, and 导出 Excel of the whole list in a file named after the title and the node.
import { computed, type WatchSource } from 'vue'
import { useI18n } from 'vue-i18n'
import type { Ref } from '@shared/api/governance'
import { wholeList, type ExportColumn, type ListExport } from './list-export'
import { useNodeInAddressList } from './node-in-address'

export interface ExportedNodeListOptions<Row> {
  /** The i18n keys of the page's title (which also names the export file) and of the node picker's label. */
  titleKey: string
  nodeLabelKey: string
  /** The export's columns, asked for at each export so their titles follow the language. */
  columns: () => readonly ExportColumn<Row>[]
  /** The page's other filters: the list is loaded again when one changes. */
  also?: WatchSource[]
}

export function useExportedNodeList<Row>(load: (nodeId: number | undefined) => Promise<Row[]>, options: ExportedNodeListOptions<Row>) {
  const { t } = useI18n()
  const listed = useNodeInAddressList(load, options.also)
  const { nodeId, node, pickerCache } = listed

  const list = (): ListExport<Row> => ({
    name: t(options.titleKey),
    nodeName: node.data.value?.name,
    columns: options.columns(),
    loadPage: wholeList(() => load(nodeId.value)),
  })
  /** NodeListHeader's props but the page's own (v-model, the create button). */
  const header = computed(() => ({ title: t(options.titleKey), nodeLabel: t(options.nodeLabelKey), pickerCache: pickerCache.value, list }))
  /** The node shown, where a record made from the page is for unless another is picked. */
  const shownNode = computed<Ref | undefined>(() => (node.data.value ? { id: node.data.value.id, name: node.data.value.name } : undefined))
  return { ...listed, header, shownNode }
}
