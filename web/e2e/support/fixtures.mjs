// Registry data the browser tests and the web benchmark add to the demo street through the API.

/** A parts CSV of buildings × units × floors × rooms per floor, every part 80.5 m². */
export function partsCsv({ buildings, units, floors, roomsPerFloor }) {
  const rows = ['楼栋,总层数,单元,房号,楼层,面积']
  for (let building = 1; building <= buildings; building++) {
    for (let unit = 1; unit <= units; unit++) {
      for (let floor = 1; floor <= floors; floor++) {
        for (let room = 1; room <= roomsPerFloor; room++) {
          rows.push(`P${building}幢,${floors},${unit}单元,${floor}${String(room).padStart(2, '0')},${floor},80.5`)
        }
      }
    }
  }
  return `${rows.join('\n')}\n`
}

/** Creates compound `name` under `communityId` and imports the parts of `layout` into it (see partsCsv). */
export async function addCompoundWithParts(admin, communityId, name, layout) {
  const compound = await admin.send(
    'POST',
    '/api/v1/org/nodes',
    { parent_id: communityId, kind: 'compound', name },
    { expectedStatus: 201 },
  )
  await admin.send('POST', `/api/v1/import/parts?node=${compound.id}`, partsCsv(layout), {
    expectedStatus: 201,
    contentType: 'text/csv',
  })
  return compound
}

/** A valid 1×1 PNG: the smallest photo a browser will actually draw. */
export const onePixelPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)
