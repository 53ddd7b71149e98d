// Browser tests of the covenant screens: in the console an illegal structure in 东二东三苑 (the demo
// compound with an adopted covenant) goes from report to removal, each step naming who took it, and the
// compound's removals go up by one; a new draft is made in the covenant editor (the server's field
// error shown on the field) and its
// adoption by a vote that did not pass is refused in the server's words; a household's paper
// acknowledgement is recorded. On the H5 (360 px) the demo resident reads 德胜新村's adopted covenant in
// elderly mode and signs it for their home, which the demo street leaves unsigned.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { apiSession, findNodeId } from './support/api.mjs'
import { assertAccessible, choose, poppersClosed, saveScreenshot, signInToConsole, signInToMobile } from './support/browser.mjs'
import { passDeadline } from './support/server.mjs'
import { browserSuite, desktop, phone } from './support/suite.mjs'
import { addDays, streetToday } from './support/dates.mjs'

const compoundName = '东二东三苑'
// A valid 1×1 PNG: the smallest photo a browser will actually draw.
const onePixelPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)

/** A matter-2 vote of the compound that closed with no ballots, so its item did not pass. */
async function failedCovenantVote(baseUrl, admin, compoundId) {
  const now = Date.now()
  const vote = await admin.send(
    'POST',
    '/api/v1/votes',
    {
      compound_id: compoundId,
      title: '关于修订小区公约的表决（未通过）',
      matter: 2,
      items: ['修订小区公约'],
      opens_at: new Date(now - 3_600_000).toISOString(),
      closes_at: new Date(now + 3_600_000).toISOString(),
      channels: ['online'],
      scope: { kind: 'compound', node_ids: [] },
      policies: { follow_majority: 'abstain', extension: 'none' },
    },
    { expectedStatus: 201 },
  )
  await admin.send('POST', `/api/v1/votes/${vote.id}/open`)
  passDeadline(baseUrl, vote.id)
  await admin.send('POST', `/api/v1/votes/${vote.id}/close`)
  return vote
}

describe('covenant screens of the console', () => {
  const suite = browserSuite(desktop)

  // An illegal structure in 东二东三苑 goes from report to removal, and the removals go up by one; the
  // two tests share the page and run in order.
  let compoundId, admin, before, clause, page

  test('the overdue violations of 东二东三苑 are listed and escalated; an illegal structure is reported with a photo', async () => {
    compoundId = await findNodeId(suite.baseUrl, compoundName)
    admin = await apiSession(suite.baseUrl, 'admin')
    before = await admin.get(`/api/v1/stats/covenant?compound=${compoundId}`)
    const { items } = await admin.get(`/api/v1/covenants?compound=${compoundId}`)
    clause = items.find((version) => version.state === 'adopted').clauses.find((candidate) => candidate.type === 'illegal_structure')
    assert.ok(clause, 'the covenant in force has a clause on illegal structures')

    page = await suite.freshPage()
    await signInToConsole(page, suite.baseUrl, 'admin')
    await page.getByTestId('console-menu').getByText('违规整改').click()
    await page.getByTestId('violations-page').waitFor()
    await page.goto(`${suite.baseUrl}/covenant/violations?node=${compoundId}&state=notified`)
    const table = page.getByTestId('violations-table')
    await table.getByText('浙A·8M2N6').waitFor()
    await table.locator('tbody tr').filter({ hasText: '浙A·8M2N6' }).getByText(compoundName, { exact: true }).waitFor()
    await table.getByTestId('overdue').first().waitFor()
    await assertAccessible(page, 'violations list')
    await saveScreenshot(page, 'covenant-violations')
    // Escalating now records whatever the daily job has not yet; afterwards nothing is left to record.
    await page.getByTestId('escalate').click()
    await page.getByText(/已记录 \d+ 项逾期上报|没有需要新记录的逾期上报/).waitFor()
    const again = await admin.send('POST', `/api/v1/covenant-violations/escalate?node=${compoundId}`, {})
    assert.deepEqual(again.recorded, [])
    // Each step names who took it: the seeded notice is the admin's own (我), the first escalation the
    // seed's run, which is nobody's (系统).
    const notified = await admin.get(`/api/v1/covenant-violations?node=${compoundId}&state=notified`)
    const overdue = notified.items.find((violation) => violation.plate === '浙A·8M2N6')
    await page.goto(`${suite.baseUrl}/covenant/violations/${overdue.id}`)
    await page.getByTestId('event-notified').getByText(/ · 我$/).waitFor()
    await page.getByTestId('event-escalation-commissioner').getByText(/ · 系统$/).waitFor()
    await page.goBack()
    await page.getByTestId('violations-page').waitFor()

    await page.getByTestId('report').click()
    const report = page.getByTestId('report-form')
    await choose(page, report, '违反条款', `第 ${clause.number} 条 违法搭建`)
    await report.getByText(clause.text).waitFor()
    await report.getByTestId('report-location').fill('5幢北侧围墙外')
    await report.getByTestId('report-area').locator('input').fill('12.5')
    await report.getByTestId('report-location').click()
    const photoInput = report.getByTestId('photo-input')
    await photoInput.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo') })
    await report.getByText('notes.txt 不是 JPEG、PNG 或 WebP 照片').waitFor()
    await photoInput.setInputFiles({ name: 'wall.png', mimeType: 'image/png', buffer: onePixelPng })
    await report.getByRole('img', { name: '第 1 张照片' }).waitFor()
    await assertAccessible(page, 'report drawer')
    await saveScreenshot(page, 'covenant-report')
    await report.getByTestId('save').click()

    const violationPage = page.getByTestId('violation-page')
    await violationPage.waitFor()
    const state = page.getByTestId('violation-state')
    await state.getByText('已登记').waitFor()
    await page.getByTestId('event-reported').getByText('发现并登记').waitFor()
    await page.getByTestId('event-reported').getByText(/ · 我$/).waitFor()
    await violationPage.getByText('5幢北侧围墙外').waitFor()
    await violationPage.getByText('12.50').waitFor()
    // The photo comes back from the server through the violation, and the browser can draw it.
    const served = page.getByTestId('violation-photos').locator('img')
    await served.waitFor()
    await page.waitForFunction((image) => image.complete && image.naturalWidth === 1, await served.elementHandle())
  })

  test('the structure is notified, rectified, re-inspected and removed, and the removals go up by one', async () => {
    const violationPage = page.getByTestId('violation-page')
    const state = page.getByTestId('violation-state')
    const step = async (testId) => {
      await page.getByTestId(testId).click()
      const form = page.getByTestId('step-form')
      await form.getByTestId('save').waitFor()
      return form
    }
    await (await step('step-notify')).getByTestId('save').click()
    await state.getByText('已通知').waitFor()
    const deadline = addDays(streetToday(), clause.rectification_days)
    await page.getByTestId('event-notified').getByText(`书面通知整改，期限至 ${deadline}`).waitFor()
    // The list says how long is left until the end of the deadline day.
    await page.goto(`${suite.baseUrl}/covenant/violations?node=${compoundId}&state=notified`)
    const listed = page.getByTestId('violations-table').locator('tbody tr').filter({ hasText: '5幢北侧围墙外' })
    await listed.getByText(deadline).waitFor()
    assert.equal(await listed.getByTestId('time-left').innerText(), `还剩 ${clause.rectification_days} 天`)
    await page.goBack()
    await violationPage.waitFor()

    await (await step('step-rectifying')).getByTestId('save').click()
    await state.getByText('整改中').waitFor()
    await page.getByTestId('event-rectifying').getByText(/^\d{4}-\d{2}-\d{2} · 我$/).waitFor()
    assert.equal(await page.getByTestId('step-remove').isDisabled(), true, 'no removal before a passed re-inspection')
    await page.getByText('最近一次复查合格后才能登记拆除').waitFor()

    const inspection = await step('step-inspections')
    await inspection.getByTestId('inspection-note').fill('违建已拆除，场地已清理')
    await assertAccessible(page, 're-inspection drawer')
    await inspection.getByTestId('save').click()
    await page.getByTestId('violation-timeline').getByText('复查合格').waitFor()
    await page.getByTestId('violation-timeline').getByText('违建已拆除，场地已清理').waitFor()

    await (await step('step-remove')).getByTestId('save').click()
    await state.getByText('已拆除/整改').waitFor()
    await page.getByTestId('event-removed').waitFor()
    for (const action of ['notify', 'rectifying', 'inspections', 'remove', 'close']) {
      assert.equal(await page.getByTestId(`step-${action}`).count(), 0, `no ${action} after removal`)
    }
    await assertAccessible(page, 'violation removed')
    await saveScreenshot(page, 'covenant-violation-removed')

    await violationPage.getByRole('link', { name: compoundName }).click()
    await page.getByTestId('stat-removed').getByText(String(before.removed + 1), { exact: true }).waitFor()
    await page.getByTestId('stat-open').getByText(String(before.open), { exact: true }).waitFor()
    const after = await admin.get(`/api/v1/stats/covenant?compound=${compoundId}`)
    assert.equal(after.removed, before.removed + 1)
    assert.equal(after.removed_area_m2, before.removed_area_m2 + 12.5)
  })

  // The covenant page, then a new version drafted whose adoption by a vote that did not pass is refused;
  // the two tests share the page and run in order.
  let failedVote, listed, inForce

  test('the covenant page shows the version in force and its signatures, and the street adds a clause type', async () => {
    compoundId = await findNodeId(suite.baseUrl, compoundName)
    admin = await apiSession(suite.baseUrl, 'admin')
    failedVote = failedCovenantVote(suite.baseUrl, admin, compoundId)
    listed = await admin.get(`/api/v1/covenants?compound=${compoundId}`)
    inForce = listed.items.find((version) => version.id === listed.in_force_id)

    page = await suite.freshPage()
    await signInToConsole(page, suite.baseUrl, 'admin')
    await page.getByTestId('console-menu').getByText('小区公约').click()
    await page.getByTestId('covenant-page').waitFor()
    await page.goto(`${suite.baseUrl}/covenant?compound=${compoundId}`)
    const current = page.getByTestId(`version-${inForce.number}`)
    await current.getByText('现行有效').waitFor()
    assert.equal(await current.getByTestId('clauses-table').locator('tbody tr').count(), inForce.clauses.length)
    const stats = await admin.get(`/api/v1/stats/covenant?compound=${compoundId}`)
    await page.getByTestId('stat-area').getByText(String(stats.removed_area_m2), { exact: true }).waitFor()
    const acks = await admin.get(`/api/v1/covenants/${inForce.id}/acknowledgements`)
    await page.getByTestId('ack-progress').getByText(`已签署 ${acks.acknowledged_parts} / ${acks.residential_parts} 户`).waitFor()
    await assertAccessible(page, 'covenant page')
    await saveScreenshot(page, 'covenant-console')

    // The street adds a clause type of its own; the editor then offers it.
    await page.getByTestId('edit-policy').click()
    const policy = page.getByTestId('policy-form')
    await policy.locator('.el-form-item').filter({ hasText: '街道自选条款类型' }).locator('.el-select__wrapper').click()
    await page.getByRole('option', { name: '绿化养护' }).click()
    await policy.getByText('停车管理和违法搭建是每份公约都有的条款', { exact: false }).click()
    await poppersClosed(page)
    await assertAccessible(page, 'clause types drawer')
    await policy.getByTestId('save').click()
    await page.getByText('条款类型已保存').waitFor()
    const saved = await admin.get(`/api/v1/covenant-policies/${admin.user.roles[0].scope_node_id}`)
    assert.deepEqual(saved.extra_clause_types, [...listed.policy.extra_clause_types, 'greenery'])
  })

  test('the editor drafts a new version; adoption by a vote that did not pass is refused in the server’s words', async () => {
    const vote = await failedVote

    // The editor starts from the covenant in force; a title over the server's 200 bytes is refused on its field.
    await page.getByTestId('new-draft').click()
    const editor = page.getByTestId('covenant-editor')
    assert.equal(await editor.getByTestId('covenant-title').inputValue(), inForce.title)
    assert.equal(await editor.locator('fieldset').count(), inForce.clauses.length)
    await editor.getByTestId('covenant-title').fill('东二东三苑小区公约'.repeat(8))
    await editor.getByTestId('save').click()
    await editor.locator('.el-form-item').filter({ hasText: '公约标题' }).getByText('请填写公约标题（不超过 200 字节）').waitFor()

    await editor.getByTestId('covenant-title').fill('东二东三苑小区公约（2027 年修订）')
    await editor.getByTestId(`clause-${inForce.clauses.length}`).getByTestId('remove-clause').click()
    await editor.getByTestId('add-clause').click()
    const added = editor.getByTestId(`clause-${inForce.clauses.length}`)
    await choose(page, added, '类型', '楼道堆物')
    await added.getByTestId('clause-text').fill('电动自行车不得在楼道内停放、充电。')
    await assertAccessible(page, 'covenant editor')
    await saveScreenshot(page, 'covenant-editor')
    await editor.getByTestId('save').click()
    await page.getByText(`已创建草案（第 ${inForce.number + 1} 版）`).waitFor()
    const draft = page.getByTestId(`version-${inForce.number + 1}`)
    await draft.getByText('草案').waitFor()
    await draft.getByText('电动自行车不得在楼道内停放、充电。').waitFor()

    await draft.getByTestId('adopt').click()
    const adopt = page.getByTestId('adopt-form')
    await choose(page, adopt, '表决', new RegExp(`#${vote.id} `))
    await adopt.getByTestId('save').click()
    await adopt.locator('.el-form-item').filter({ hasText: '表决' }).getByText('该表决事项未获通过，不能据此通过公约').waitFor()
    await assertAccessible(page, 'adoption refused')
    await saveScreenshot(page, 'covenant-adopt-refused')
    const afterwards = await admin.get(`/api/v1/covenants?compound=${compoundId}`)
    assert.equal(afterwards.in_force_id, inForce.id, 'the covenant in force is unchanged')
    assert.equal(afterwards.items[0].state, 'draft')
  })

  test('a household’s paper acknowledgement is recorded', async () => {
    const compoundId = await findNodeId(suite.baseUrl, compoundName)
    const admin = await apiSession(suite.baseUrl, 'admin')
    const listed = await admin.get(`/api/v1/covenants?compound=${compoundId}`)
    const before = await admin.get(`/api/v1/covenants/${listed.in_force_id}/acknowledgements`)
    const acknowledged = new Set(before.items.map((item) => item.part.id))
    const parts = await admin.get(`/api/v1/org/nodes/${compoundId}/parts?limit=1000`)
    const part = parts.items.find((candidate) => candidate.use === 'residential' && !acknowledged.has(candidate.id))
    const label = `${part.building_name} ${part.unit_name} ${part.room_number}`

    const page = await suite.freshPage()
    await signInToConsole(page, suite.baseUrl, 'admin', `/covenant?compound=${compoundId}`)
    await page.getByTestId('record-ack').click()
    const form = page.getByTestId('ack-form')
    await form.getByTestId('ack-part').locator('input').fill(label)
    await page.getByRole('option', { name: label, exact: true }).click()
    await poppersClosed(page)
    await form.getByTestId('save').click()
    await page.getByTestId('ack-progress').getByText(`已签署 ${before.acknowledged_parts + 1} / ${before.residential_parts} 户`).waitFor()
    const after = await admin.get(`/api/v1/covenants/${listed.in_force_id}/acknowledgements`)
    assert.ok(after.items.some((item) => item.part.id === part.id && !item.signed_by_resident))
  })
})

describe('covenant page of the resident H5', () => {
  const suite = browserSuite(phone)
  const pageWidth = (page) => page.evaluate(() => document.documentElement.scrollWidth)

  test('the demo resident reads 德胜新村’s covenant large, sees their home unsigned and signs it', async () => {
    const compoundId = await findNodeId(suite.baseUrl, '德胜新村')
    const admin = await apiSession(suite.baseUrl, 'admin')
    const listed = await admin.get(`/api/v1/covenants?compound=${compoundId}`)
    const inForce = listed.items.find((version) => version.id === listed.in_force_id)
    assert.ok(inForce, 'the demo street gives 德胜新村 an adopted covenant')
    const resident = await apiSession(suite.baseUrl, 'resident')
    const households = (await resident.get('/api/v1/me/households')).items
    const household = households.find((item) => item.compound_id === compoundId)
    assert.ok(household, 'the demo resident has a home in 德胜新村')
    const acknowledged = (await admin.get(`/api/v1/covenants/${inForce.id}/acknowledgements`)).items
    assert.ok(!acknowledged.some((item) => item.part.id === household.part_id), 'the resident’s home is left to sign')

    const page = await suite.freshPage()
    await page.addInitScript(() => localStorage.setItem('weizhi.elderly-mode', 'on'))
    await signInToMobile(page, suite.baseUrl, 'resident')
    await page.getByTestId('covenant-link').click()
    const section = page.getByTestId(`covenant-${compoundId}`)
    await section.getByTestId('covenant-title').getByText(inForce.title).waitFor()
    await section.getByText(inForce.clauses[1].text).waitFor()
    const size = await section.locator('.compound-covenant__clause-text').first().evaluate((element) => parseFloat(getComputedStyle(element).fontSize))
    assert.ok(size >= 22, `clauses read large in elderly mode (${size}px)`)
    const homeName = `${household.building} ${household.unit} ${household.room}`
    await section.getByText(`${homeName} 尚未签署`).waitFor()
    assert.ok((await pageWidth(page)) <= 360, 'nothing overflows the 360px screen in elderly mode')
    await assertAccessible(page, 'H5 covenant in elderly mode')
    await saveScreenshot(page, 'covenant-mobile-elderly')

    await section.getByTestId('sign').click()
    await section.getByText(`${homeName} 已签署`).waitFor()
    await assertAccessible(page, 'H5 covenant signed')
    await saveScreenshot(page, 'covenant-mobile-signed')
    const after = await admin.get(`/api/v1/covenants/${inForce.id}/acknowledgements`)
    assert.ok(after.items.some((item) => item.part.id === household.part_id && item.signed_by_resident), 'the resident’s own signature is recorded')
  })
})
