// Browser test of a household invitation letter: the commissioner issues a building's letters from its page
// in the console and the print page shows each household's address, QR and code; a resident of a household
// without a phone opens the letter's link on the H5 at 360 px in elderly mode, gets the SMS code on their own
// phone, taps their name among the household's and lands signed in on 我的, their phone now registered. The
// compound's letters page shows the batch used, and its sign-up progress counts the household.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { agreeToPrivacyNotice, checkScreen } from './support/browser.mjs'
import { browserSuite, desktop, phone } from './support/suite.mjs'
import { apiSession, findNodeId } from './support/api.mjs'
import { lastCodeSentTo } from './support/server.mjs'

const pageWidth = (page) => page.evaluate(() => document.documentElement.scrollWidth)

describe('household invitation letters', () => {
  const suite = browserSuite(desktop)

  test('the commissioner prints a building’s letters and a resident without a phone signs in with one', async () => {
    const admin = await apiSession(suite.baseUrl, 'admin')
    const compound = await findNodeId(suite.baseUrl, '德胜新村')
    const building = (await admin.get(`/api/v1/org/nodes/${compound}/children`)).items[0]
    const part = (await admin.get(`/api/v1/org/nodes/${building.id}/parts?limit=1`)).items[0]
    // Two elderly people of one household, registered long ago without a phone.
    const household = []
    for (const name of ['钱秀英', '钱国华']) {
      const person = await admin.send('POST', '/api/v1/people', { home_node_id: compound, name }, { expectedStatus: 201 })
      await admin.send('POST', `/api/v1/parts/${part.id}/links`, { person_id: person.id, relation: 'resident' }, { expectedStatus: 201 })
      household.push(person)
    }
    const address = `${part.building_name} ${part.unit_name} ${part.room_number}`
    const before = await admin.get(`/api/v1/residents/sign-up-progress?node=${compound}`)

    const page = await suite.consolePage('commissioner', `/org/nodes/${building.id}`)
    await page.getByTestId('issue-letters').click()
    // Issuing again voids the unused letters: the dialog says so before anything is issued.
    await page.getByRole('dialog').getByText('作废').waitFor()
    await page.getByRole('button', { name: '生成并打印' }).click()
    await page.waitForURL(/\/residents\/invitations\/print\?building=/)
    const letter = page.getByTestId('invitation-letter').filter({ hasText: address })
    await letter.waitFor()
    await letter.getByRole('img', { name: '扫码登录的二维码' }).locator('svg').waitFor()
    const code = (await letter.getByTestId('letter-code').innerText()).replace(/\s/g, '')
    assert.match(code, /^[2-9A-HJ-NP-Z]{8}$/)
    await letter.getByText('有效期至').waitFor()
    await checkScreen(page, 'console invitation letters print page', 'invitation-letters-print')

    const mobile = await suite.freshPage(phone)
    await mobile.addInitScript(() => localStorage.setItem('weizhi.elderly-mode', 'on'))
    // The login page leads to the letter's page for a resident who types the code.
    await mobile.goto(`${suite.baseUrl}/m/login`)
    await mobile.getByTestId('invite-link').click()
    await mobile.waitForURL(/\/m\/invite$/)
    await mobile.goto(`${suite.baseUrl}/m/invite?code=${code}`)
    assert.equal(await mobile.getByTestId('invitation-code').locator('input').inputValue(), code)
    const newPhone = '16600001234'
    await mobile.getByLabel('手机号').fill(newPhone)
    await mobile.getByTestId('send-code').click()
    await mobile.getByTestId('send-code').getByText(/\d+ 秒后重发/).waitFor()
    assert.ok((await pageWidth(mobile)) <= 360)
    await checkScreen(mobile, 'H5 invitation letter sign-in in elderly mode', 'mobile-invitation')
    await mobile.getByLabel('验证码').fill(lastCodeSentTo(suite.baseUrl, newPhone))
    await mobile.getByTestId('redeem').click()
    const choices = mobile.getByTestId('invite-choices')
    await choices.getByRole('button', { name: `我是 ${household[0].name}` }).waitFor()
    assert.ok((await pageWidth(mobile)) <= 360)
    await choices.getByRole('button', { name: `我是 ${household[1].name}` }).click()
    await agreeToPrivacyNotice(mobile)
    await mobile.getByTestId('display-name').getByText(household[1].name).waitFor()
    assert.ok(await mobile.evaluate(() => document.documentElement.classList.contains('elderly-mode')))

    // The phone is now the chosen person's, and the household counts as signed up.
    const chosen = await admin.get(`/api/v1/people/${household[1].id}`)
    assert.equal(chosen.phone, '166****1234')
    const after = await admin.get(`/api/v1/residents/sign-up-progress?node=${compound}`)
    assert.equal(after.signed_up, before.signed_up + 1)
    const batches = await admin.get(`/api/v1/residents/invitations?compound=${compound}`)
    assert.equal(batches.items[0].used, 1)

    // The commissioner reads the same on the compound's letters page and on the progress page (a new context).
    const staffPage = await suite.consolePage('commissioner', `/residents/invitations?compound=${compound}`)
    const batchRow = staffPage.getByTestId('invitation-batches').locator('tbody tr').first()
    await batchRow.getByText(building.name).waitFor()
    await checkScreen(staffPage, 'console invitation letters of a compound', 'invitation-letters-compound')
    await staffPage.goto(`${suite.baseUrl}/residents/progress?node=${compound}`)
    await staffPage.getByTestId('progress-total').getByText(`已注册 ${after.signed_up} / ${after.households} 户`).waitFor()
    await checkScreen(staffPage, 'console sign-up progress', 'sign-up-progress')
  })
})
