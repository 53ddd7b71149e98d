// Browser tests of the committee screens of the console: the admin lists the committees with their
// members by name and post, opens the committee of 德胜坝小区 (filed in 2021) with its members,
// alternates and party share; members leave with a reason and the first alternate is promoted; a
// shortfall in the party share shows in red; people are added back as member and alternate; a
// commissioner sees their committee read-only.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { apiSession } from './support/api.mjs'
import { checkScreen, poppersClosed } from './support/browser.mjs'
import { browserSuite, desktop } from './support/suite.mjs'
import { streetToday } from './support/dates.mjs'

describe('committee screens of the console', () => {
  const suite = browserSuite(desktop)

  // The two tests share the page and run in order.
  let admin, page, leavers

  test('admin opens 德胜坝小区’s committee; members leave, the first alternate is promoted, a party shortfall shows in red', async () => {
    admin = await apiSession(suite.baseUrl, 'admin')
    const listed = (await admin.get('/api/v1/committees')).items.find((item) => item.compound.name === '德胜坝小区')
    assert.ok(listed, 'the demo street has a committee for 德胜坝小区')
    assert.equal(listed.members.length, 5)
    const [successor] = listed.alternates
    assert.ok(successor, 'it has a first alternate')
    // Party members who are not the commissioner leave: with the alternate promoted the share stays at the
    // street's 60 %, and the second, with no alternate left, brings it below.
    leavers = listed.members.filter((member) => member.party_member && member.origin !== 'commissioner').slice(0, 2)
    assert.equal(leavers.length, 2)

    page = await suite.consolePage('admin')
    await page.getByTestId('console-menu').getByText('小区自管会').click()
    const row = page.getByTestId('committees-table').locator('tr').filter({ hasText: '德胜坝小区' })
    await row.getByText(`${listed.term_starts_on} – ${listed.term_ends_on}`).waitFor()
    const posts = { director: '主任', deputy: '副主任', member: '委员' }
    const names = row.getByTestId('member-names')
    for (const member of listed.members) await names.getByText(`${member.person.name}（${posts[member.position]}）`).waitFor()
    assert.doesNotMatch(await row.innerText(), /账号|#\d/, 'people by name, never by account')
    await checkScreen(page, 'committees list', 'committees-console-list')

    await row.getByRole('link', { name: '德胜坝小区' }).click()
    const committee = page.getByTestId('committee-page')
    await committee.getByRole('heading', { name: /德胜坝小区 自管会/ }).waitFor()
    const members = page.getByTestId('members-table')
    const alternates = page.getByTestId('alternates-table')
    assert.equal(await members.locator('tbody tr').count(), 5)
    await alternates.locator('tbody tr').first().getByText(successor.person.name).waitFor()
    await page.getByTestId('party-share').getByText('党员 4 / 成员 5').waitFor()
    await page.getByTestId('party-share-state').getByText('达到要求').waitFor()
    assert.equal(await page.getByTestId('duties').locator('li').count(), listed.duties.length)
    await page.getByTestId('commissioner').getByText('在自管会中').waitFor()
    if (listed.term_ends_on < streetToday()) {
      await page.getByTestId('term-ended').getByText(`本届任期已于 ${listed.term_ends_on} 届满`).waitFor()
    }
    await checkScreen(page, 'committee page', 'committees-console-committee')

    // The first leaves: the drawer names who will take the seat, and a reason is required.
    await members.getByRole('button', { name: `${leavers[0].person.name} 离任` }).click()
    const drawer = page.getByTestId('leave-form')
    await drawer.getByTestId('leave-successor').getByText(`第一候补 ${successor.person.name} 将递补为成员`).waitFor()
    await drawer.getByRole('button', { name: '确认离任' }).click()
    await drawer.getByText('请填写离任原因').waitFor()
    await drawer.getByTestId('leave-reason').fill('迁出本小区')
    await checkScreen(page, 'member leaves drawer', 'committees-console-leave')
    await drawer.getByRole('button', { name: '确认离任' }).click()

    await page
      .getByTestId('promotion')
      .getByText(`${leavers[0].person.name} 已离任，第一候补 ${successor.person.name} 已递补为成员`)
      .waitFor()
    const promotedRow = members.locator('tbody tr').filter({ hasText: successor.person.name })
    await promotedRow.getByText('递补').waitFor()
    assert.equal(await members.locator('tbody tr').count(), 5)
    assert.equal(await members.getByText(leavers[0].person.name, { exact: true }).count(), 0)
    await alternates.getByText('目前没有候补成员').waitFor()
    await page.getByTestId('party-share').getByText('党员 3 / 成员 5').waitFor()
    const afterFirst = await admin.get(`/api/v1/committees/${listed.id}`)
    assert.ok(afterFirst.members.some((member) => member.person.id === successor.person.id))
    assert.deepEqual(afterFirst.alternates, [])

    // The second leaves with no alternate left: 2 of 4 is below 60 %, and the page says so in red.
    await members.getByRole('button', { name: `${leavers[1].person.name} 离任` }).click()
    await drawer.getByTestId('leave-successor').getByText('目前没有候补').waitFor()
    await drawer.getByTestId('leave-reason').fill('身体原因辞去职务')
    await drawer.getByRole('button', { name: '确认离任' }).click()
    await page.getByTestId('promotion').getByText(`${leavers[1].person.name} 已离任；没有候补，该席位空缺。`).waitFor()
    const shortfall = page.getByTestId('party-shortfall')
    await shortfall.getByText('还差 1 名党员成员').waitFor()
    const colour = await shortfall.evaluate((element) => getComputedStyle(element).color)
    assert.equal(colour, 'rgb(183, 28, 28)', 'the shortfall is written in red')
    await page.getByTestId('party-share-state').getByText('还差 1 名党员').waitFor()
    await checkScreen(page, 'committee with a party shortfall', 'committees-console-shortfall')

  })

  test('admin adds the leavers back: one as a member, which meets the party share again, one as the next alternate', async () => {
    const members = page.getByTestId('members-table')
    const alternates = page.getByTestId('alternates-table')
    const addPerson = async (buttonTestId, person, origin) => {
      // Names are found only in full, so the test reads this one the way a secretary would.
      const { name: fullName } = await admin.send('POST', `/api/v1/people/${person.id}/unmask`, { reason: '浏览器测试自管会' })
      await page.getByTestId(buttonTestId).click()
      const form = page.getByTestId('person-form')
      await form.locator('.el-form-item').filter({ hasText: '人员' }).locator('input').fill(fullName)
      await page.getByRole('option', { name: person.name }).first().click()
      await form.locator('.el-form-item').filter({ hasText: '来源' }).locator('.el-select__wrapper').click()
      await page.getByRole('option', { name: origin }).click()
      await poppersClosed(page)
      return form
    }
    const memberForm = await addPerson('add-member', leavers[1].person, '热心居民')
    await checkScreen(page, 'add member drawer', 'committees-console-add-member')
    await memberForm.getByTestId('save').click()
    await page.getByText('已添加成员').waitFor()
    await members.getByText(leavers[1].person.name).waitFor()
    await page.getByTestId('party-share-state').getByText('达到要求').waitFor()
    assert.equal(await page.getByTestId('party-shortfall').count(), 0)

    const alternateForm = await addPerson('add-alternate', leavers[0].person, '楼道长')
    await alternateForm.getByText('将排在第 1 位候补').waitFor()
    await alternateForm.getByTestId('save').click()
    await page.getByText('已添加候补').waitFor()
    await alternates.locator('tbody tr').first().getByText(leavers[0].person.name).waitFor()
  })

  test('a commissioner sees their compound’s committee read-only', async () => {
    const commissioner = await apiSession(suite.baseUrl, 'commissioner')
    const [role] = commissioner.user.roles
    const [own] = (await commissioner.get(`/api/v1/committees?node=${role.scope_node_id}`)).items
    assert.ok(own, 'the commissioner’s compound has a committee')

    const page = await suite.consolePage('commissioner')
    await page.getByTestId('console-menu').getByText('小区自管会').click()
    await page.getByTestId('committees-table').getByRole('link', { name: own.compound.name }).click()
    await page.getByTestId('committee-page').getByRole('heading', { name: new RegExp(`${own.compound.name} 自管会`) }).waitFor()
    assert.equal(await page.getByTestId('members-table').locator('tbody tr').count(), own.members.length)
    for (const action of ['add-member', 'add-alternate', 'leave']) {
      assert.equal(await page.getByTestId(action).count(), 0, `no ${action} button for a commissioner`)
    }
    await checkScreen(page, 'committee page, read-only', 'committees-console-read-only')
  })
})
