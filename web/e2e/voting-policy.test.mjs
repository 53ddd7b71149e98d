// Browser test of the street's identity check for online ballots (表决实名核验): the street admin reaches it from
// the votes list, reads the three choices explained with the street's current one marked, changes it after a
// confirmation that says open votes keep their rule, and the API reads the new policy back while the open vote
// keeps the one it opened with; staff without the permission find no way to it.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { apiSession, findNodeId } from './support/api.mjs'
import { checkScreen } from './support/browser.mjs'
import { browserSuite, desktop } from './support/suite.mjs'

const openVoteTitle = '关于续聘物业服务企业的表决'

describe('voting policy screen', () => {
  const suite = browserSuite(desktop)

  test('the street admin changes the identity check after a confirmation and the API reads it back; open votes keep theirs', async () => {
    const admin = await apiSession(suite.baseUrl, 'admin')
    const streetId = await findNodeId(suite.baseUrl, '大关街道')
    assert.deepEqual(await admin.get(`/api/v1/voting-policies/${streetId}`), { online_ballot_id_check: 'all' })

    const page = await suite.consolePage('admin', '/votes')
    await page.getByTestId('voting-policy-link').click()
    await page.waitForURL(/\/votes\/policy$/)
    const screen = page.getByTestId('voting-policy-page')
    await screen.getByTestId('policy-all').getByTestId('policy-current').waitFor()
    await screen.getByTestId('policy-major_matters').getByText('改变共有部分的用途').waitFor()
    await screen.getByTestId('policy-off').getByText('无法确认是谁投的票').waitFor()
    assert.equal(await screen.getByTestId('policy-current').count(), 1, 'one choice is the street’s')
    await screen.getByTestId('open-votes-keep').getByText('已经开始的表决，仍按开始时的规则执行').waitFor()
    await checkScreen(page, 'console voting policy', 'voting-policy')

    const form = page.getByTestId('voting-policy-form')
    await screen.getByTestId('edit-policy').click()
    await form.getByText('仅第 6–8 项重大事项', { exact: true }).click()
    assert.equal(await form.getByRole('radio', { name: '仅第 6–8 项重大事项' }).isChecked(), true)
    await form.getByTestId('policy-choice-explain').getByText('第 6–8 项').waitFor()
    await checkScreen(page, 'console voting policy form', 'voting-policy-form')

    // Cancelling the confirmation keeps the drawer open and changes nothing.
    await form.getByTestId('save').click()
    const confirmation = page.getByRole('dialog', { name: '修改规则' })
    await confirmation.getByText('已经开始的表决仍按原规则执行').waitFor()
    await confirmation.getByRole('button', { name: '取消' }).click()
    await confirmation.waitFor({ state: 'hidden' })
    assert.equal(await form.isVisible(), true)
    assert.deepEqual(await admin.get(`/api/v1/voting-policies/${streetId}`), { online_ballot_id_check: 'all' })

    await form.getByTestId('save').click()
    await confirmation.getByRole('button', { name: '确定修改' }).click()
    await page.getByText('已保存：此后开始的表决按“仅第 6–8 项重大事项”核验').waitFor()
    await screen.getByTestId('policy-major_matters').getByTestId('policy-current').waitFor()
    await screen.getByTestId('policy-all').getByTestId('policy-current').waitFor({ state: 'detached' })
    assert.deepEqual(await admin.get(`/api/v1/voting-policies/${streetId}`), { online_ballot_id_check: 'major_matters' })

    // The open vote keeps the rule it opened with; a draft follows the street's rule now.
    const open = (await admin.get('/api/v1/votes')).items.find((vote) => vote.title === openVoteTitle)
    assert.deepEqual((await admin.get(`/api/v1/votes/${open.id}`)).identity_check, { required: true, policy: 'all', frozen: true })
    const draft = await admin.send(
      'POST',
      '/api/v1/votes',
      {
        compound_id: open.compound.id,
        title: '关于更换小区门禁系统的表决',
        matter: 9,
        items: ['同意更换门禁系统'],
        opens_at: new Date(Date.now() + 86_400_000).toISOString(),
        closes_at: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        channels: ['online'],
      },
      { expectedStatus: 201 },
    )
    assert.deepEqual(draft.identity_check, { required: false, policy: 'major_matters', frozen: false })
  })

  test('staff without the street’s voting policy find neither the menu entry nor the link, and the address says no access', async () => {
    const page = await suite.consolePage('commissioner', '/votes')
    await page.getByTestId('votes-table').waitFor()
    assert.equal(await page.getByTestId('voting-policy-link').count(), 0)
    assert.equal(await page.getByTestId('console-menu').getByText('表决实名核验').count(), 0)
    await page.goto(`${suite.baseUrl}/votes/policy`)
    await page.waitForURL(/\/no-access/)
  })
})
